package io.libvfio.api.spi;

import java.util.List;

/**
 * The {@link java.util.ServiceLoader} entry point of a backend module: list the implementing
 * class in {@code META-INF/services/io.libvfio.api.spi.BackendProvider}. Implementations need
 * a public no-argument constructor and hold no static state.
 */
public interface BackendProvider
{
    /** A stable name matching {@code [a-z][a-z0-9-]*}, used by {@code --backend}. */
    String name();

    /** One line on what the backend drives. */
    String description();

    /** Higher wins when two backends serve the same GPU. */
    int priority();

    /**
     * Whether this backend can serve the host. Never throws for hardware that is not its own;
     * it answers {@link Probe#unsupported} with the reason.
     */
    Probe probe(BackendContext context);

    Backend create(BackendContext context);

    /**
     * The hardware this backend handles, one entry per kind of GPU and mechanism: the rows of
     * the hardware support matrix. Static facts, the same on every host.
     */
    default List<SupportEntry> support()
    {
        return List.of();
    }
}
