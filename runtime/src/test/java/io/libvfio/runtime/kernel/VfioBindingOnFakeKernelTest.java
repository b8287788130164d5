package io.libvfio.runtime.kernel;

import java.nio.file.Path;

/** {@link VfioBindingContract} on the fake kernel over a tree built to look like the test bed's guest. */
final class VfioBindingOnFakeKernelTest
        extends VfioBindingContract
{
    @Override
    protected KernelUnderTest openKernel(Path scratch)
    {
        return FakeGuestKernel.under(scratch.resolve("guest"));
    }
}
