package io.libvfio.runtime.kernel;

import org.junit.jupiter.api.Tag;

import java.nio.file.Path;

/** {@link SriovContract} on the real kernel of the test bed's guest; skipped elsewhere. */
@Tag("kernel")
final class SriovOnRealKernelTest
        extends SriovContract
{
    @Override
    protected KernelUnderTest openKernel(Path scratch)
    {
        return RealKernel.inTestBed();
    }
}
