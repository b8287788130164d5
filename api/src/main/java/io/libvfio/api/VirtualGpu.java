package io.libvfio.api;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A virtual GPU that exists on the host.
 *
 * @param id the instance id: an mdev UUID, or the VF's PCI address
 * @param parent the GPU that provides it
 * @param function the PCI function QEMU gets (VF or passthrough), when it is one
 * @param devicePath the sysfs path of the device, for QEMU's {@code vfio-pci,sysfsdev=}
 */
public record VirtualGpu(
        String id,
        GpuId parent,
        String typeId,
        Mechanism mechanism,
        Optional<PciAddress> function,
        String devicePath)
{
    public VirtualGpu
    {
        requireNonNull(id, "id is null");
        requireNonNull(parent, "parent is null");
        requireNonNull(typeId, "typeId is null");
        requireNonNull(mechanism, "mechanism is null");
        requireNonNull(function, "function is null");
        requireNonNull(devicePath, "devicePath is null");
    }

    /** An instance on a PCI GPU. */
    public VirtualGpu(String id, PciAddress parent, String typeId, Mechanism mechanism, Optional<PciAddress> function, String devicePath)
    {
        this(id, GpuId.of(parent), typeId, mechanism, function, devicePath);
    }
}
