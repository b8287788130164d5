package io.libvfio.runtime.kernel;

import org.junit.jupiter.api.Tag;

import java.nio.file.Path;

/** {@link DiscoveryContract} on the real kernel of the test bed's guest; skipped elsewhere. */
@Tag("kernel")
final class DiscoveryOnRealKernelTest
        extends DiscoveryContract
{
    @Override
    protected KernelUnderTest openKernel(Path scratch)
    {
        return RealKernel.inTestBed();
    }
}
