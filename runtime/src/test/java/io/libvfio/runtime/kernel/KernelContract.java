package io.libvfio.runtime.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The base of the host contract: every test runs on the kernel a subclass opens (the real one in
 * the test bed's guest, or the fake one over {@link GuestLikeHost}), starting from and leaving
 * the guest's boot state.
 */
abstract class KernelContract
{
    @TempDir
    Path scratch;

    protected KernelUnderTest kernel;
    protected GuestSysfs sysfs;

    /** The kernel under test; {@code scratch} is an empty directory for a simulated tree. */
    protected abstract KernelUnderTest openKernel(Path scratch);

    @BeforeEach
    final void openAndReset()
    {
        kernel = openKernel(scratch);
        sysfs = new GuestSysfs(kernel.fs());
        new TestBedReset(sysfs).run();
    }

    @AfterEach
    final void reset()
    {
        if (sysfs != null) {
            new TestBedReset(sysfs).run();
        }
    }
}
