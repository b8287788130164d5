package io.libvfio.runtime.host;

import io.libvfio.api.spi.HostFs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A {@link HostFs} that keeps the ordered list of the writes made through it: every read goes to
 * the host, every write is made and then written down. {@link DryRunHostFs} writes down without
 * making them.
 */
public class RecordingHostFs
        implements HostFs
{
    private final HostFs host;
    private final List<HostWrite> writes = new ArrayList<>();

    public RecordingHostFs(HostFs host)
    {
        this.host = requireNonNull(host, "host is null");
    }

    /** The writes so far, oldest first. */
    public synchronized List<HostWrite> writes()
    {
        return List.copyOf(writes);
    }

    protected HostFs host()
    {
        return host;
    }

    @Override
    public boolean exists(String path)
    {
        return host.exists(path);
    }

    @Override
    public boolean isDirectory(String path)
    {
        return host.isDirectory(path);
    }

    @Override
    public Optional<String> read(String path)
    {
        return host.read(path);
    }

    @Override
    public String readRequired(String path)
    {
        Optional<String> value = read(path);
        return value.isPresent() ? value.get() : host.readRequired(path);
    }

    @Override
    public List<String> list(String directory)
    {
        return host.list(directory);
    }

    @Override
    public Optional<String> readLink(String path)
    {
        return host.readLink(path);
    }

    @Override
    public void write(String path, String value)
    {
        HostPaths.check(path);
        requireNonNull(value, "value is null");
        make(path, value);
        synchronized (this) {
            writes.add(new HostWrite(path, value));
        }
    }

    /** Makes the write on the host; a dry run does not. */
    protected void make(String path, String value)
    {
        host.write(path, value);
    }
}
