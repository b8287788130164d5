package io.libvfio.runtime.kernel;

import org.junit.jupiter.api.Tag;

import java.nio.file.Path;

/** {@link MdevContract} on the real kernel of the test bed's guest; skipped elsewhere. */
@Tag("kernel")
final class MdevOnRealKernelTest
        extends MdevContract
{
    @Override
    protected KernelUnderTest openKernel(Path scratch)
    {
        return RealKernel.inTestBed();
    }
}
