package io.libvfio.testkit.contract;

import io.libvfio.api.spi.HostFs;
import io.libvfio.testkit.KernelWrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A dry run's file system: reads go to the host, writes are only written down. */
final class PlannedWrites
        implements HostFs
{
    private final HostFs host;
    private final List<KernelWrite> planned = new ArrayList<>();

    PlannedWrites(HostFs host)
    {
        this.host = requireNonNull(host, "host is null");
    }

    List<KernelWrite> planned()
    {
        return List.copyOf(planned);
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
        return host.readRequired(path);
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
        planned.add(KernelWrite.ok(path, value));
    }
}
