package io.libvfio.runtime.kernel;

import io.libvfio.api.HostInventory;
import io.libvfio.api.IommuGroup;
import io.libvfio.api.MdevParent;
import io.libvfio.api.MdevType;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.SriovInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What discovery found, one line per fact, for comparing the real guest with {@link GuestLikeHost}.
 * Group ids are left out (they depend on how many virtio functions came first); each device
 * names the other members of its group instead. The virtio-9p functions that carry the test
 * bed's file systems are left out: their number depends on the run.
 */
final class InventorySummary
{
    private InventorySummary()
    {
    }

    static List<String> of(HostInventory inventory)
    {
        List<String> lines = new ArrayList<>();
        lines.add("iommu enabled: " + inventory.iommuEnabled());
        lines.add("warnings: " + inventory.warnings());
        for (PciDevice device : inventory.devices()) {
            if (!isTestBedPlumbing(device)) {
                lines.add(line(device, inventory));
            }
        }
        for (MdevParent parent : inventory.mdevParents()) {
            lines.add("mdev parent %s pci %s".formatted(parent.name(), parent.pciAddress().map(PciAddress::toString).orElse("-")));
            for (MdevType type : parent.types()) {
                lines.add("mdev type %s/%s name '%s' description '%s' available %d api %s instances %d".formatted(parent.name(), type.id(),
                        type.name().orElse("-"), type.description().orElse("-"), type.availableInstances(), type.deviceApi(), type.devices().size()));
            }
        }
        return lines;
    }

    private static boolean isTestBedPlumbing(PciDevice device)
    {
        return device.vendorId() == 0x1af4 && device.deviceId() == 0x1009;
    }

    private static String line(PciDevice device, HostInventory inventory)
    {
        return "%s %04x:%04x sub %04x:%04x class %06x rev %02x driver %s override %s group %s sriov %s physfn %s".formatted(device.address(),
                device.vendorId(), device.deviceId(), device.subsystemVendorId(), device.subsystemDeviceId(), device.classCode(), device.revision(),
                device.driver().orElse("-"), device.driverOverride().orElse("-"), groupMates(device, inventory),
                device.sriov().map(InventorySummary::sriov).orElse("-"), device.physicalFunction().map(PciAddress::toString).orElse("-"));
    }

    private static String groupMates(PciDevice device, HostInventory inventory)
    {
        if (device.iommuGroup().isEmpty()) {
            return "none";
        }
        Optional<IommuGroup> group = inventory.iommuGroup(device.iommuGroup().getAsInt());
        List<PciAddress> others = group.map(IommuGroup::devices).orElse(List.of()).stream().filter(other -> !other.equals(device.address())).toList();
        return others.isEmpty() ? "alone" : "with " + others;
    }

    private static String sriov(SriovInfo sriov)
    {
        return "%d/%d +%d*%d vf %04x autoprobe %s vfs %s".formatted(sriov.numVfs(), sriov.totalVfs(), sriov.offset(), sriov.stride(),
                sriov.vfDeviceId(), sriov.driversAutoprobe(), sriov.virtualFunctions());
    }
}
