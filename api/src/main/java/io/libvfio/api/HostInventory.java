package io.libvfio.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * What host discovery found: every PCI function, IOMMU group, NUMA node and mdev parent, plus
 * warnings about devices that could not be read (a malformed device never hides the others).
 *
 * @param iommuEnabled true when {@code /sys/kernel/iommu_groups} has at least one group
 */
public record HostInventory(
        List<PciDevice> devices,
        List<IommuGroup> iommuGroups,
        List<NumaNode> numaNodes,
        List<MdevParent> mdevParents,
        boolean iommuEnabled,
        List<String> warnings)
{
    public HostInventory
    {
        devices = List.copyOf(requireNonNull(devices, "devices is null"));
        iommuGroups = List.copyOf(requireNonNull(iommuGroups, "iommuGroups is null"));
        numaNodes = List.copyOf(requireNonNull(numaNodes, "numaNodes is null"));
        mdevParents = List.copyOf(requireNonNull(mdevParents, "mdevParents is null"));
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
    }

    public Optional<PciDevice> device(PciAddress address)
    {
        return devices.stream().filter(device -> device.address().equals(address)).findFirst();
    }

    public Optional<IommuGroup> iommuGroup(int id)
    {
        return iommuGroups.stream().filter(group -> group.id() == id).findFirst();
    }

    public Optional<NumaNode> numaNode(int id)
    {
        return numaNodes.stream().filter(node -> node.id() == id).findFirst();
    }

    public Optional<MdevParent> mdevParent(PciAddress address)
    {
        return mdevParents.stream().filter(parent -> parent.pciAddress().filter(address::equals).isPresent()).findFirst();
    }

    /** Display-class physical functions: the GPUs of this host (VFs are listed under their PF). */
    public List<PciDevice> gpus()
    {
        return devices.stream().filter(PciDevice::isDisplayController).filter(device -> !device.isVirtualFunction()).toList();
    }

    public Map<PciAddress, PciDevice> byAddress()
    {
        return devices.stream().collect(Collectors.toMap(PciDevice::address, Function.identity()));
    }
}
