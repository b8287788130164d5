package io.libvfio.runtime.vgpu;

import io.libvfio.api.PciAddress;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A PCI function libvfio bound to {@code vfio-pci}, with what it found before: release restores
 * exactly that {@code driver_override} and driver.
 *
 * @param iommuGroup the function's IOMMU group, whose {@code /dev/vfio/<group>} QEMU opens
 * @param originalDriver the driver it was bound to, empty when it had none
 * @param originalOverride its {@code driver_override}, empty when {@code (null)}
 */
public record FunctionBinding(PciAddress function, int iommuGroup, Optional<String> originalDriver, Optional<String> originalOverride)
{
    public FunctionBinding
    {
        requireNonNull(function, "function is null");
        requireNonNull(originalDriver, "originalDriver is null");
        requireNonNull(originalOverride, "originalOverride is null");
    }
}
