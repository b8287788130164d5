package io.libvfio.testkit;

import io.libvfio.api.Errno;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Assertions shared by the fake kernel's tests. */
final class KernelAssertions
{
    private KernelAssertions()
    {
    }

    /** The write fails with {@code errno}, as a real write would report it, and changes nothing in the tree. */
    static void assertRefused(FakeKernel kernel, String path, String value, Errno errno)
    {
        Object before = kernel.snapshot();
        assertThatThrownBy(() -> kernel.write(path, value))
                .isInstanceOfSatisfying(VfioException.class, error -> {
                    assertThat(error.errno()).contains(errno);
                    assertThat(error.getMessage()).isEqualTo("write error: %s <- '%s': %s (%s)".formatted(path, value.replace("\n", "\\n"), errno.text(), errno.name()));
                    assertThat(error.errorCode()).isEqualTo(errno == Errno.EACCES || errno == Errno.EPERM
                            ? StandardErrorCode.ACCESS_DENIED
                            : StandardErrorCode.HOST_WRITE_FAILED);
                });
        assertThat(kernel.snapshot()).isEqualTo(before);
        KernelWrite last = kernel.writes().get(kernel.writes().size() - 1);
        assertThat(last).isEqualTo(new KernelWrite(path, value, errno));
    }
}
