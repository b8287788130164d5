package io.libvfio.api.spi;

import io.libvfio.api.HostInventory;

import java.time.Clock;
import java.util.Map;

/**
 * Everything a backend may use to reach the host. A backend never opens {@code /sys} itself:
 * every read and write goes through {@link #fs()}, so the same backend runs on a real host,
 * on a simulated host tree and on a real kernel in a test VM.
 */
public interface BackendContext
{
    /** The SPI version the runtime implements. */
    int SPI_VERSION = 1;

    HostFs fs();

    /** The runtime's discovery of the host: PCI functions, IOMMU groups, NUMA nodes, mdev parents. */
    HostInventory inventory();

    CommandRunner commands();

    Clock clock();

    /** How to wait between the attempts of a bounded retry; tests pass one that does not sleep. */
    default Sleeper sleeper()
    {
        return Sleeper.SYSTEM;
    }

    /** Settings for this backend ({@code backend.<name>.<key>}), keys without the prefix. */
    Map<String, String> config();

    /**
     * True for {@code --dry-run}: {@link #fs()} records writes in order without making them, so
     * a backend must not wait for or read back the effect of its own writes.
     */
    default boolean dryRun()
    {
        return false;
    }
}
