package io.libvfio.runtime.vgpu;

import io.libvfio.api.PciAddress;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What {@code libvfio create --gpu BDF --type ID} asks for.
 *
 * @param uuid the mdev UUID to use, already checked ({@link InstanceIds#uuid})
 * @param force take a GPU the host displays through (the boot VGA, a connected monitor)
 * @param dryRun record the writes instead of making them
 */
public record CreateOrder(PciAddress gpu, String typeId, Optional<String> uuid, boolean force, boolean dryRun)
{
    public CreateOrder
    {
        requireNonNull(gpu, "gpu is null");
        requireNonNull(typeId, "typeId is null");
        requireNonNull(uuid, "uuid is null");
    }
}
