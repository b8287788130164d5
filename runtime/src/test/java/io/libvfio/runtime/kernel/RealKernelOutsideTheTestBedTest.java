package io.libvfio.runtime.kernel;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Outside the test bed the real-kernel tests are skipped, and say so: they never pass silently. */
final class RealKernelOutsideTheTestBedTest
{
    @Test
    void theRealKernelIsRefusedWithAMessageOutsideTheGuest()
    {
        assumeFalse("1".equals(System.getenv(RealKernel.GUEST_VARIABLE)), "this is the test bed's guest");

        assertThatThrownBy(RealKernel::inTestBed)
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("not inside the libvfio test bed (TESTBED_GUEST=1 is unset)")
                .hasMessageContaining("examples/testbed/kernel-tests.sh");
    }
}
