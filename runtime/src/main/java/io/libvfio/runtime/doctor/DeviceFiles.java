package io.libvfio.runtime.doctor;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The two things doctor needs beyond {@link io.libvfio.api.spi.HostFs}: whether a device node
 * opens read-write (the honest test that {@code /dev/kvm} is usable), and a file's owner and mode.
 */
public interface DeviceFiles
{
    /** Opens the file read-write and closes it again; never creates it. */
    OpenResult openReadWrite(Path file);

    /** The file's owner, group and mode; empty when it does not exist. */
    Optional<FileMode> mode(Path file);

    /** What opening a device read-write gave. */
    enum OpenResult
    {
        OPENED,
        PERMISSION_DENIED,
        MISSING,
        FAILED
    }
}
