package io.libvfio.api.spi;

import java.util.List;
import java.util.Optional;

/**
 * The host's {@code /sys}, {@code /proc} and {@code /dev}, seen under a configurable root.
 *
 * <p>Paths are absolute host paths such as {@code /sys/bus/pci/devices/0000:01:00.0/vendor};
 * the implementation resolves them under the root and refuses {@code .} and {@code ..}
 * segments. Values are returned without their trailing newline. Failures are
 * {@link io.libvfio.api.VfioException}s that name the path; failed writes carry the errno.
 */
public interface HostFs
{
    boolean exists(String path);

    boolean isDirectory(String path);

    /** The file's text without its trailing newline; empty when the file does not exist. */
    Optional<String> read(String path);

    /** Like {@link #read} but a missing file is an error naming the path. */
    String readRequired(String path);

    /** Entry names of a directory, sorted; empty when it does not exist. */
    List<String> list(String directory);

    /** The raw target of a symbolic link; empty when the path is not a link. */
    Optional<String> readLink(String path);

    /** The last name of a link's target: the driver of {@code .../driver}, the group of {@code .../iommu_group}. */
    default Optional<String> linkName(String path)
    {
        Optional<String> target = readLink(path);
        return target.isEmpty() ? target : Optional.of(target.get().substring(target.get().lastIndexOf('/') + 1));
    }

    /**
     * Writes {@code value} to an existing kernel attribute, as {@code echo value > path} would.
     * A refused write throws with the kernel's errno.
     */
    void write(String path, String value);
}
