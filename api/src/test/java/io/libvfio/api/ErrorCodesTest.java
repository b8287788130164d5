package io.libvfio.api;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

final class ErrorCodesTest
{
    @Test
    void codesAreUniqueAndBelowTheBackendRange()
    {
        assertThat(Arrays.stream(StandardErrorCode.values()).map(StandardErrorCode::code)).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).isBetween(1, 0x00ff_ffff));
    }

    @Test
    void everyCategoryHasItsOwnNonZeroExitCode()
    {
        assertThat(Arrays.stream(ErrorCategory.values()).map(ErrorCategory::exitCode)).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).isBetween(1, 125));
    }

    @Test
    void aRefusedWriteNamesThePathValueAndErrno()
    {
        VfioException error = VfioException.writeRefused("/sys/bus/pci/drivers/vfio-pci/bind", "0000:01:00.0\n", Errno.EBUSY, null);
        assertThat(error).hasMessage("write error: /sys/bus/pci/drivers/vfio-pci/bind <- '0000:01:00.0\\n': Device or resource busy (EBUSY)");
        assertThat(error.category()).isEqualTo(ErrorCategory.HOST);
        assertThat(error.errno()).contains(Errno.EBUSY);
        assertThat(VfioException.writeRefused("/sys/x", "1", Errno.EPERM, null).category()).isEqualTo(ErrorCategory.PERMISSION);
    }
}
