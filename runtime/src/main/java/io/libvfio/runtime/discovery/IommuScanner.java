package io.libvfio.runtime.discovery;

import io.libvfio.api.IommuGroup;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.spi.HostFs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The IOMMU groups and their PCI members. Built from each function's {@code iommu_group} link
 * (already read with the device), so a large host costs no extra directory listings; a
 * function that could not be read still counts as a member, from its link alone, so group
 * viability never overlooks it.
 */
final class IommuScanner
{
    static final String GROUPS = "/sys/kernel/iommu_groups";

    private final HostFs fs;

    IommuScanner(HostFs fs)
    {
        this.fs = fs;
    }

    List<IommuGroup> groups(List<PciDevice> devices, List<PciAddress> unreadable)
    {
        Map<Integer, List<PciAddress>> members = new TreeMap<>();
        for (PciDevice device : devices) {
            if (device.iommuGroup().isPresent()) {
                member(members, device.iommuGroup().getAsInt()).add(device.address());
            }
        }
        for (PciAddress address : unreadable) {
            Optional<String> name = fs.linkName(PciScanner.DEVICES + "/" + address + "/iommu_group");
            if (name.isPresent() && isGroupNumber(name.get())) {
                member(members, Integer.parseInt(name.get())).add(address);
            }
        }
        List<IommuGroup> groups = new ArrayList<>();
        for (Map.Entry<Integer, List<PciAddress>> entry : members.entrySet()) {
            List<PciAddress> addresses = entry.getValue();
            addresses.sort(null);
            groups.add(new IommuGroup(entry.getKey(), addresses));
        }
        return groups;
    }

    private static List<PciAddress> member(Map<Integer, List<PciAddress>> members, int group)
    {
        List<PciAddress> addresses = members.get(group);
        if (addresses == null) {
            addresses = new ArrayList<>();
            members.put(group, addresses);
        }
        return addresses;
    }

    private static boolean isGroupNumber(String name)
    {
        if (name.isEmpty() || name.length() >= 10) {
            return false;
        }
        for (int index = 0; index < name.length(); index++) {
            if (!Character.isDigit(name.charAt(index))) {
                return false;
            }
        }
        return true;
    }

    /** True when the kernel has any IOMMU group, with or without PCI members. */
    boolean anyGroup()
    {
        return !fs.list(GROUPS).isEmpty();
    }
}
