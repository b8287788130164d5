package io.libvfio.runtime.vm.config;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * A disk image and the bus it is attached on. The path is absolute and free of commas and
 * control characters, so it can go into a QEMU option as it is.
 */
public record Disk(Path path, Bus bus)
{
    /** virtio-blk, or SATA (AHCI) for installers without virtio drivers. */
    public enum Bus
    {
        VIRTIO, SATA
    }

    public Disk
    {
        requireNonNull(path, "path is null");
        requireNonNull(bus, "bus is null");
    }
}
