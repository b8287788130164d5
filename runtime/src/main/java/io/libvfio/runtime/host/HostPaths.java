package io.libvfio.runtime.host;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.nio.file.Files;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * The configurable root under which every host path ({@code /sys/...}, {@code /proc/...},
 * {@code /dev/...}) is resolved. Host paths are checked before they touch the file system:
 * absolute, no {@code .}, {@code ..} or empty segments, no NUL.
 */
public final class HostPaths
{
    private final Path root;
    private final String prefix;

    private HostPaths(Path root)
    {
        this.root = root;
        this.prefix = root.getParent() == null ? "" : root.toString();
    }

    /**
     * A root that must look like a Linux machine: a directory with {@code sys/bus/pci/devices}.
     */
    public static HostPaths of(Path root)
    {
        requireNonNull(root, "root is null");
        Path absolute = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new VfioException(StandardErrorCode.ROOT_NOT_A_HOST,
                    "--root %s: no such directory".formatted(root));
        }
        if (!Files.isDirectory(absolute.resolve("sys/bus/pci/devices"))) {
            throw new VfioException(StandardErrorCode.ROOT_NOT_A_HOST,
                    "--root %s: not a Linux root (no %s)".formatted(root, absolute.resolve("sys/bus/pci/devices")));
        }
        return new HostPaths(absolute);
    }

    public Path root()
    {
        return root;
    }

    /** True when the root is the machine's own {@code /}. */
    public boolean isRealRoot()
    {
        return root.getParent() == null;
    }

    /** Resolves a host path such as {@code /sys/bus/pci/devices} under the root. */
    public Path resolve(String hostPath)
    {
        return root.resolve(check(hostPath).substring(1));
    }

    /** The file-system path of a host path, as a string: the cheap form for hot reads. */
    public String file(String hostPath)
    {
        return prefix + check(hostPath);
    }

    /** Validates a host path and returns it unchanged. */
    public static String check(String hostPath)
    {
        if (hostPath == null || hostPath.length() < 2 || hostPath.charAt(0) != '/') {
            throw invalid(hostPath, "not an absolute path");
        }
        int start = 1;
        int length = hostPath.length();
        for (int index = 1; index <= length; index++) {
            char character = index < length ? hostPath.charAt(index) : '/';
            if (character == '\0') {
                throw invalid(hostPath, "contains NUL");
            }
            if (character == '/') {
                int segment = index - start;
                if (segment == 0 || (segment == 1 && hostPath.charAt(start) == '.')
                        || (segment == 2 && hostPath.charAt(start) == '.' && hostPath.charAt(start + 1) == '.')) {
                    throw invalid(hostPath, "'.', '..' and empty segments are not allowed");
                }
                start = index + 1;
            }
        }
        return hostPath;
    }

    private static VfioException invalid(String hostPath, String why)
    {
        return new VfioException(StandardErrorCode.INVALID_ARGUMENT, "refusing host path '%s': %s".formatted(hostPath, why));
    }

    @Override
    public String toString()
    {
        return root.toString();
    }
}
