package io.libvfio.runtime.discovery;

import io.libvfio.api.CpuList;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.PciNames;
import io.libvfio.api.SriovInfo;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Reads every PCI function under {@code /sys/bus/pci/devices}. One directory listing per device
 * tells which optional attributes exist, so absent files cost no failed open.
 */
final class PciScanner
{
    static final String DEVICES = "/sys/bus/pci/devices";

    private final HostFs fs;

    PciScanner(HostFs fs)
    {
        this.fs = requireNonNull(fs, "fs is null");
    }

    /** Every readable device; each unreadable or malformed one becomes a warning instead. */
    List<PciDevice> scan(List<String> warnings)
    {
        List<PciDevice> devices = new ArrayList<>();
        for (String name : fs.list(DEVICES)) {
            if (!PciAddress.isValid(name)) {
                warnings.add("%s/%s: not a PCI address; skipped".formatted(DEVICES, name));
                continue;
            }
            try {
                devices.add(read(PciAddress.parse(name)));
            }
            catch (VfioException e) {
                warnings.add("%s skipped: %s".formatted(name, e.getMessage()));
            }
        }
        return devices;
    }

    PciDevice read(PciAddress address)
    {
        String dir = DEVICES + "/" + address;
        Set<String> entries = new HashSet<>(fs.list(dir));
        if (entries.isEmpty()) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, dir + ": not a device directory");
        }
        return new PciDevice(
                address,
                hex(dir, "vendor"),
                hex(dir, "device"),
                entries.contains("subsystem_vendor") ? hex(dir, "subsystem_vendor") : 0,
                entries.contains("subsystem_device") ? hex(dir, "subsystem_device") : 0,
                hex(dir, "class"),
                entries.contains("revision") ? hex(dir, "revision") : 0,
                entries.contains("driver") ? fs.linkName(dir + "/driver") : Optional.empty(),
                numaNode(dir, entries),
                entries.contains("local_cpulist") ? cpus(dir + "/local_cpulist") : CpuList.empty(),
                iommuGroup(dir, entries),
                entries.contains("boot_vga") ? Optional.of(flag(dir + "/boot_vga")) : Optional.empty(),
                entries.contains("driver_override") ? driverOverride(dir) : Optional.empty(),
                entries.contains("sriov_totalvfs") ? Optional.of(sriov(dir, entries)) : Optional.empty(),
                entries.contains("physfn") ? fs.linkName(dir + "/physfn").map(name -> address(dir + "/physfn", name)) : Optional.empty(),
                PciNames.none());
    }

    private int hex(String dir, String name)
    {
        String path = dir + "/" + name;
        return AttributeParser.hex(path, fs.readRequired(path));
    }

    private OptionalInt numaNode(String dir, Set<String> entries)
    {
        if (!entries.contains("numa_node")) {
            return OptionalInt.empty();
        }
        String path = dir + "/numa_node";
        int node = AttributeParser.decimal(path, fs.readRequired(path));
        if (node < -1) {
            throw AttributeParser.malformed(path, Integer.toString(node), "-1 or a node number");
        }
        return node < 0 ? OptionalInt.empty() : OptionalInt.of(node);
    }

    private CpuList cpus(String path)
    {
        return AttributeParser.cpuList(path, fs.readRequired(path));
    }

    private OptionalInt iommuGroup(String dir, Set<String> entries)
    {
        if (!entries.contains("iommu_group")) {
            return OptionalInt.empty();
        }
        String path = dir + "/iommu_group";
        String target = fs.readLink(path).orElseThrow(() -> AttributeParser.malformed(path, "?", "a link to /sys/kernel/iommu_groups/N"));
        if (!fs.isDirectory(path)) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED, "%s: dangling link to %s".formatted(path, target));
        }
        String group = target.substring(target.lastIndexOf('/') + 1);
        return OptionalInt.of(AttributeParser.decimal(path, group));
    }

    private boolean flag(String path)
    {
        String value = fs.readRequired(path);
        if (!value.equals("0") && !value.equals("1")) {
            throw AttributeParser.malformed(path, value, "0 or 1");
        }
        return value.equals("1");
    }

    private Optional<String> driverOverride(String dir)
    {
        String value = fs.readRequired(dir + "/driver_override");
        return value.equals("(null)") || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private SriovInfo sriov(String dir, Set<String> entries)
    {
        List<PciAddress> vfs = new ArrayList<>();
        for (int index = 0; entries.contains("virtfn" + index); index++) {
            String link = dir + "/virtfn" + index;
            vfs.add(address(link, fs.linkName(link).orElseThrow()));
        }
        return new SriovInfo(
                decimal(dir + "/sriov_totalvfs"),
                decimal(dir + "/sriov_numvfs"),
                entries.contains("sriov_offset") ? decimal(dir + "/sriov_offset") : 0,
                entries.contains("sriov_stride") ? decimal(dir + "/sriov_stride") : 0,
                entries.contains("sriov_vf_device") ? AttributeParser.bareHex(dir + "/sriov_vf_device", fs.readRequired(dir + "/sriov_vf_device")) : 0,
                !entries.contains("sriov_drivers_autoprobe") || flag(dir + "/sriov_drivers_autoprobe"),
                vfs);
    }

    private int decimal(String path)
    {
        return AttributeParser.decimal(path, fs.readRequired(path));
    }

    private static PciAddress address(String link, String name)
    {
        if (!PciAddress.isValid(name)) {
            throw AttributeParser.malformed(link, name, "a link to a PCI device");
        }
        return PciAddress.parse(name);
    }
}
