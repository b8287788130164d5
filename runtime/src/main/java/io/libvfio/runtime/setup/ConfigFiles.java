package io.libvfio.runtime.setup;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.host.HostPaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Configuration files under the root, read byte for byte: unlike {@link HostFs#read}, which
 * drops a kernel attribute's trailing newline, a file setup rewrites must come back exactly as
 * it was apart from the change. Listings and existence go through the host's {@link HostFs}.
 */
public final class ConfigFiles
{
    private final HostPaths paths;
    private final HostFs fs;

    public ConfigFiles(HostPaths paths, HostFs fs)
    {
        this.paths = paths;
        this.fs = fs;
    }

    /** The file's whole text; empty when it does not exist. */
    public Optional<String> read(String hostPath)
    {
        Path file = paths.resolve(hostPath);
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, "cannot read %s: %s".formatted(hostPath, e.getMessage()), e);
        }
    }

    public boolean exists(String hostPath)
    {
        return fs.exists(hostPath);
    }

    public boolean isFile(String hostPath)
    {
        return fs.exists(hostPath) && !fs.isDirectory(hostPath);
    }

    public boolean isDirectory(String hostPath)
    {
        return fs.isDirectory(hostPath);
    }

    public List<String> list(String directory)
    {
        return fs.list(directory);
    }

    public HostFs fs()
    {
        return fs;
    }
}
