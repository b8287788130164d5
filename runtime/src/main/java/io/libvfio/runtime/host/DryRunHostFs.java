package io.libvfio.runtime.host;

import io.libvfio.api.spi.HostFs;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The file system of {@code --dry-run}: reads go to the host, writes are only written down, in
 * order ({@link #writes()}). A value-holding attribute written earlier in the same dry run
 * ({@code driver_override}) reads back as planned, one trailing newline dropped, as the kernel
 * would show it; nothing else is simulated.
 */
public final class DryRunHostFs
        extends RecordingHostFs
{
    private final Map<String, String> planned = new HashMap<>();

    public DryRunHostFs(HostFs host)
    {
        super(host);
    }

    @Override
    public synchronized Optional<String> read(String path)
    {
        String value = planned.get(path);
        return value != null ? Optional.of(value) : host().read(path);
    }

    @Override
    protected synchronized void make(String path, String value)
    {
        if (path.endsWith("/driver_override")) {
            String shown = value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
            planned.put(path, shown.isEmpty() ? "(null)" : shown);
        }
    }
}
