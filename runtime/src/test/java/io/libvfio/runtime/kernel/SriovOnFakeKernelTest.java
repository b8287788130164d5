package io.libvfio.runtime.kernel;

import java.nio.file.Path;

/** {@link SriovContract} on the fake kernel over a tree built to look like the test bed's guest. */
final class SriovOnFakeKernelTest
        extends SriovContract
{
    @Override
    protected KernelUnderTest openKernel(Path scratch)
    {
        return FakeGuestKernel.under(scratch.resolve("guest"));
    }
}
