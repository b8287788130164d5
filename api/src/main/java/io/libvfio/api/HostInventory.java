package io.libvfio.api;

import java.util.ArrayList;
import java.util.Collections;
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

    // Loops rather than streams: backends call these at start-up, in a cold JVM.
    public Optional<PciDevice> device(PciAddress address)
    {
        for (PciDevice device : devices) {
            if (device.address().equals(address)) {
                return Optional.of(device);
            }
        }
        return Optional.empty();
    }

    public Optional<IommuGroup> iommuGroup(int id)
    {
        for (IommuGroup group : iommuGroups) {
            if (group.id() == id) {
                return Optional.of(group);
            }
        }
        return Optional.empty();
    }

    public Optional<NumaNode> numaNode(int id)
    {
        for (NumaNode node : numaNodes) {
            if (node.id() == id) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }

    public Optional<MdevParent> mdevParent(PciAddress address)
    {
        for (MdevParent parent : mdevParents) {
            if (parent.pciAddress().isPresent() && parent.pciAddress().get().equals(address)) {
                return Optional.of(parent);
            }
        }
        return Optional.empty();
    }

    /** Display-class physical functions: the GPUs of this host (VFs are listed under their PF). */
    public List<PciDevice> gpus()
    {
        List<PciDevice> gpus = new ArrayList<>();
        for (PciDevice device : devices) {
            if (device.isDisplayController() && !device.isVirtualFunction()) {
                gpus.add(device);
            }
        }
        return Collections.unmodifiableList(gpus);
    }

    public Map<PciAddress, PciDevice> byAddress()
    {
        return devices.stream().collect(Collectors.toMap(PciDevice::address, Function.identity()));
    }
}
