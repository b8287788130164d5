package io.libvfio.runtime.vgpu;

import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * IOMMU group viability (sysfs-spec §7.2): VFIO hands a VM a whole group, so every endpoint in
 * it must be on {@code vfio-pci} (or a VFIO variant driver), on {@code pci-stub}, or on no
 * driver; bridges and PCIe ports are exempt. The functions about to be bound count as bound.
 */
public final class GroupViability
{
    private final HostFs fs;

    public GroupViability(HostFs fs)
    {
        this.fs = requireNonNull(fs, "fs is null");
    }

    /** The members of {@code function}'s IOMMU group, in address order; empty without a group. */
    public List<PciAddress> members(PciAddress function)
    {
        OptionalInt group = PciFunctionFiles.iommuGroup(fs, function);
        if (group.isEmpty()) {
            return List.of();
        }
        List<PciAddress> members = new ArrayList<>();
        for (String name : fs.list("/sys/kernel/iommu_groups/" + group.getAsInt() + "/devices")) {
            if (PciAddress.isValid(name)) {
                members.add(PciAddress.parse(name));
            }
        }
        members.sort(null);
        return members;
    }

    /** The endpoints of the group: its members less bridges and ports. */
    public List<PciAddress> endpoints(PciAddress function)
    {
        List<PciAddress> endpoints = new ArrayList<>();
        for (PciAddress member : members(function)) {
            if (!PciFunctionFiles.isBridge(fs, member)) {
                endpoints.add(member);
            }
        }
        return endpoints;
    }

    /**
     * Refuses, naming the offending device and its driver, when a member of {@code function}'s
     * group other than {@code joining} is on a driver that keeps the group from VFIO.
     */
    public void check(PciAddress function, Collection<PciAddress> joining)
    {
        OptionalInt group = PciFunctionFiles.iommuGroup(fs, function);
        if (group.isEmpty()) {
            return;
        }
        for (PciAddress member : members(function)) {
            if (joining.contains(member) || PciFunctionFiles.isBridge(fs, member)) {
                continue;
            }
            Optional<String> driver = PciFunctionFiles.driver(fs, member);
            if (driver.isPresent() && !PciFunctionFiles.isViableDriver(driver.get())) {
                throw new VfioException(StandardErrorCode.DEVICE_BUSY, ("IOMMU group %d of %s is not viable: %s is bound to %s; every device of the group "
                        + "must be on vfio-pci, pci-stub or no driver (take the whole GPU with --type passthrough, or unbind %s first)")
                        .formatted(group.getAsInt(), function, member, driver.get(), member));
            }
        }
    }
}
