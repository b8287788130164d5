package io.libvfio.runtime.host;

import io.libvfio.api.Errno;
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
        return VfioException.writeRefused(hostPath, value, errno, cause);
    }
}
