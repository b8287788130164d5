package io.libvfio.runtime.host;

import io.libvfio.api.Errno;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.nio.file.Path;

/**
 * Writes a kernel attribute the way {@code echo value > file} does: open an existing file
 * write-only, one {@code write(2)} of the whole value, close. Reports the kernel's errno.
 */
public interface AttributeWriter
{
    void write(String hostPath, Path file, byte[] value);

    static VfioException refused(String hostPath, String value, Errno errno, Throwable cause)
    {
        String shown = value.replace("\n", "\\n");
        String message = "write error: %s <- '%s': %s (%s)".formatted(hostPath, shown, errno.text(), errno.name());
        return new VfioException(errno == Errno.EACCES || errno == Errno.EPERM ? StandardErrorCode.ACCESS_DENIED : StandardErrorCode.HOST_WRITE_FAILED,
                message, errno, cause);
    }
}
