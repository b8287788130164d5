package io.libvfio.runtime.kernel;

import java.nio.file.Path;

/** {@link DiscoveryContract} on the fake kernel over a tree built to look like the test bed's guest. */
final class DiscoveryOnFakeKernelTest
        extends DiscoveryContract
{
    @Override
    protected KernelUnderTest openKernel(Path scratch)
    {
        return FakeGuestKernel.under(scratch.resolve("guest"));
    }
}
