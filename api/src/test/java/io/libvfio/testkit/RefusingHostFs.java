package io.libvfio.testkit;

import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A {@link HostFs} that fails every access under a path prefix with a given error, as a sysfs
 * directory the user may not read does, and passes everything else through.
 */
public final class RefusingHostFs
        implements HostFs
{
    private final HostFs fs;
    private final String prefix;
    private final VfioException failure;

    public RefusingHostFs(HostFs fs, String prefix, VfioException failure)
    {
        this.fs = requireNonNull(fs, "fs is null");
        this.prefix = requireNonNull(prefix, "prefix is null");
        this.failure = requireNonNull(failure, "failure is null");
    }

    private void check(String path)
    {
        if (path.startsWith(prefix)) {
            throw failure;
        }
    }

    @Override
    public boolean exists(String path)
    {
        check(path);
        return fs.exists(path);
    }

    @Override
    public boolean isDirectory(String path)
    {
        check(path);
        return fs.isDirectory(path);
    }

    @Override
    public Optional<String> read(String path)
    {
        check(path);
        return fs.read(path);
    }

    @Override
    public String readRequired(String path)
    {
        check(path);
        return fs.readRequired(path);
    }

    @Override
    public List<String> list(String directory)
    {
        check(directory);
        return fs.list(directory);
    }

    @Override
    public Optional<String> readLink(String path)
    {
        check(path);
        return fs.readLink(path);
    }

    @Override
    public void write(String path, String value)
    {
        check(path);
        fs.write(path, value);
    }
}
