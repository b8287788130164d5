package io.libvfio.runtime.vm.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The VM's disks (the first is the boot disk), the installer ISO, a host directory shared with
 * the guest, and the size {@code create} gives a new boot disk.
 */
public record Storage(List<Disk> disks, Optional<Path> installIso, Optional<Path> sharedDirectory, int initialSizeGib)
{
    public static final int DEFAULT_INITIAL_SIZE_GIB = 40;

    public Storage
    {
        disks = List.copyOf(requireNonNull(disks, "disks is null"));
        requireNonNull(installIso, "installIso is null");
        requireNonNull(sharedDirectory, "sharedDirectory is null");
    }

    public static Storage defaults()
    {
        return new Storage(List.of(), Optional.empty(), Optional.empty(), DEFAULT_INITIAL_SIZE_GIB);
    }
}
