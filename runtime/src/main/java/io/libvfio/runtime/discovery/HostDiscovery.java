package io.libvfio.runtime.discovery;

import io.libvfio.api.HostInventory;
import io.libvfio.api.IommuGroup;
import io.libvfio.api.MdevParent;
import io.libvfio.api.NumaNode;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.spi.HostFs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Discovers the host under the root: PCI functions (with names from pci.ids), IOMMU groups,
 * NUMA nodes and mdev parents. A device that cannot be read becomes a warning; the others are
 * still reported.
 */
public final class HostDiscovery
{
    private final HostFs fs;
    private final Function<Set<Integer>, PciIdsDatabase> pciIds;

    public HostDiscovery(HostFs fs, Function<Set<Integer>, PciIdsDatabase> pciIds)
    {
        this.fs = requireNonNull(fs, "fs is null");
        this.pciIds = requireNonNull(pciIds, "pciIds is null");
    }

    public HostInventory discover()
    {
        List<String> warnings = new ArrayList<>();
        List<PciAddress> unreadable = new ArrayList<>();
        List<PciDevice> devices = new PciScanner(fs).scan(warnings, unreadable);
        IommuScanner iommu = new IommuScanner(fs);
        List<IommuGroup> groups = iommu.groups(devices, unreadable);
        List<NumaNode> nodes = new NumaScanner(fs).scan(warnings);
        List<MdevParent> parents = new MdevScanner(fs).scan(warnings);
        return new HostInventory(named(devices), groups, nodes, parents, !groups.isEmpty() || iommu.anyGroup(), warnings);
    }

    private List<PciDevice> named(List<PciDevice> devices)
    {
        Set<Integer> vendors = new HashSet<>();
        for (PciDevice device : devices) {
            if (device.isDisplayController()) {
                vendors.add(device.vendorId());
            }
        }
        if (vendors.isEmpty()) {
            return devices;
        }
        PciIdsDatabase database = pciIds.apply(vendors);
        if (database.isEmpty()) {
            return devices;
        }
        List<PciDevice> named = new ArrayList<>(devices.size());
        for (PciDevice device : devices) {
            named.add(device.isDisplayController() ? withNames(device, database) : device);
        }
        return named;
    }

    private static PciDevice withNames(PciDevice device, PciIdsDatabase database)
    {
        return new PciDevice(device.address(), device.vendorId(), device.deviceId(), device.subsystemVendorId(), device.subsystemDeviceId(),
                device.classCode(), device.revision(), device.driver(), device.numaNode(), device.localCpus(), device.iommuGroup(),
                device.bootVga(), device.driverOverride(), device.sriov(), device.physicalFunction(),
                database.names(device.vendorId(), device.deviceId()));
    }
}
