package io.libvfio.runtime.vm.gpu;

import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A vGPU given to a VM: what QEMU attaches ({@code vfio-pci,sysfsdev=...} for an mdev or a
 * vendor-VFIO VF, {@code host=...} for a VF bound to vfio-pci or a passthrough GPU), and what
 * releasing it needs.
 *
 * @param id the vGPU's id (mdev UUID, VF or GPU address)
 * @param parent the GPU it belongs to
 * @param sysfsDevice the host sysfs path QEMU opens ({@code /sys/bus/mdev/devices/UUID}), for mdev and vendor VFIO
 * @param hostAddress the PCI function QEMU opens with {@code host=}, for VFs and passthrough
 * @param devId the QEMU device id from the VM file
 * @param createdHere true when libvfio created it for this VM and must destroy it afterwards
 */
public record AttachedVgpu(String id, Mechanism mechanism, GpuId parent, Optional<String> sysfsDevice, Optional<PciAddress> hostAddress,
                           String devId, String description, boolean createdHere)
{
    public AttachedVgpu
    {
        requireNonNull(id, "id is null");
        requireNonNull(mechanism, "mechanism is null");
        requireNonNull(parent, "parent is null");
        requireNonNull(sysfsDevice, "sysfsDevice is null");
        requireNonNull(hostAddress, "hostAddress is null");
        requireNonNull(devId, "devId is null");
        requireNonNull(description, "description is null");
        if (sysfsDevice.isEmpty() == hostAddress.isEmpty()) {
            throw new IllegalArgumentException("a vGPU is attached either by sysfs path or by host address");
        }
    }
}
