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
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import static java.util.Objects.requireNonNull;

/**
 * Reads every PCI function under {@code /sys/bus/pci/devices}: about ten small reads a
 * function, each function independent of the others, so large hosts are read on every core.
 */
final class PciScanner
{
    static final String DEVICES = "/sys/bus/pci/devices";
    private static final int PARALLEL_THRESHOLD = 256;

    private final HostFs fs;

    PciScanner(HostFs fs)
    {
        this.fs = requireNonNull(fs, "fs is null");
    }

    /**
     * Every readable device; each unreadable or malformed one becomes a warning instead, and its
     * address goes to {@code unreadable}.
     */
    List<PciDevice> scan(List<String> warnings, List<PciAddress> unreadable)
    {
        List<String> names = fs.list(DEVICES);
        Object[] results = new Object[names.size()];
        IntStream indexes = IntStream.range(0, names.size());
        if (names.size() >= PARALLEL_THRESHOLD) {
            indexes = indexes.parallel();
        }
        indexes.forEach(index -> results[index] = readOrExplain(names.get(index)));
        List<PciDevice> devices = new ArrayList<>(names.size());
        for (int index = 0; index < results.length; index++) {
            if (results[index] instanceof PciDevice device) {
                devices.add(device);
            }
            else {
                warnings.add((String) results[index]);
                if (PciAddress.isValid(names.get(index))) {
                    unreadable.add(PciAddress.parse(names.get(index)));
                }
            }
        }
        return devices;
    }

    private Object readOrExplain(String name)
    {
        if (!PciAddress.isValid(name)) {
            return "%s/%s: not a PCI address; skipped".formatted(DEVICES, name);
        }
        try {
            return read(PciAddress.parse(name));
        }
        catch (VfioException e) {
            return "%s skipped: %s".formatted(name, e.getMessage());
        }
    }

    PciDevice read(PciAddress address)
    {
        String dir = DEVICES + "/" + address;
        // The kernel's uevent summarises vendor, device, subsystem, class and driver in one read
        // (pci_uevent and dev_uevent); a missing key falls back to its own attribute file.
        Uevent uevent = Uevent.parse(dir + "/uevent", fs.read(dir + "/uevent").orElseGet(() -> requireDevice(dir)));
        int[] ids = uevent.pair("PCI_ID").orElseGet(() -> new int[] {hex(dir, "vendor"), hex(dir, "device")});
        int[] subsystem = uevent.pair("PCI_SUBSYS_ID").orElseGet(() -> new int[] {optionalHex(dir, "subsystem_vendor"), optionalHex(dir, "subsystem_device")});
        int classCode = uevent.hex("PCI_CLASS").orElseGet(() -> hex(dir, "class"));
        Optional<String> driver = uevent.value("DRIVER").or(() -> fs.linkName(dir + "/driver"));
        boolean vgaClass = (classCode >> 8) == 0x0300 || (classCode >> 8) == 0x0001;
        Optional<PciAddress> physicalFunction = fs.linkName(dir + "/physfn").map(name -> address(dir + "/physfn", name));
        return new PciDevice(
                address,
                ids[0],
                ids[1],
                subsystem[0],
                subsystem[1],
                classCode,
                optionalHex(dir, "revision"),
                driver,
                numaNode(dir),
                fs.read(dir + "/local_cpulist").map(value -> AttributeParser.cpuList(dir + "/local_cpulist", value)).orElse(CpuList.empty()),
                iommuGroup(dir),
                vgaClass ? fs.read(dir + "/boot_vga").map(value -> flag(dir + "/boot_vga", value)) : Optional.empty(),
                fs.read(dir + "/driver_override").filter(value -> !value.equals("(null)") && !value.isEmpty()),
                physicalFunction.isEmpty() && fs.exists(dir + "/sriov_totalvfs") ? Optional.of(sriov(dir)) : Optional.empty(),
                physicalFunction,
                PciNames.none());
    }

    private String requireDevice(String dir)
    {
        if (!fs.isDirectory(dir)) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, dir + ": not a device directory");
        }
        return "";
    }

    private int hex(String dir, String name)
    {
        String path = dir + "/" + name;
        return AttributeParser.hex(path, fs.readRequired(path));
    }

    private int optionalHex(String dir, String name)
    {
        String path = dir + "/" + name;
        return fs.read(path).map(value -> AttributeParser.hex(path, value)).orElse(0);
    }

    private OptionalInt numaNode(String dir)
    {
        String path = dir + "/numa_node";
        Optional<String> value = fs.read(path);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        int node = AttributeParser.decimal(path, value.get());
        if (node < -1) {
            throw AttributeParser.malformed(path, Integer.toString(node), "-1 or a node number");
        }
        return node < 0 ? OptionalInt.empty() : OptionalInt.of(node);
    }

    private OptionalInt iommuGroup(String dir)
    {
        String path = dir + "/iommu_group";
        Optional<String> link = fs.readLink(path);
        if (link.isEmpty()) {
            return OptionalInt.empty();
        }
        if (!fs.isDirectory(path)) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED, "%s: dangling link to %s".formatted(path, link.get()));
        }
        String target = link.get();
        return OptionalInt.of(AttributeParser.decimal(path, target.substring(target.lastIndexOf('/') + 1)));
    }

    private static boolean flag(String path, String value)
    {
        if (!value.equals("0") && !value.equals("1")) {
            throw AttributeParser.malformed(path, value, "0 or 1");
        }
        return value.equals("1");
    }

    private SriovInfo sriov(String dir)
    {
        List<PciAddress> vfs = new ArrayList<>();
        for (int index = 0; ; index++) {
            String link = dir + "/virtfn" + index;
            Optional<String> name = fs.linkName(link);
            if (name.isEmpty()) {
                break;
            }
            vfs.add(address(link, name.get()));
        }
        return new SriovInfo(
                decimal(dir + "/sriov_totalvfs"),
                decimal(dir + "/sriov_numvfs"),
                fs.read(dir + "/sriov_offset").map(value -> AttributeParser.decimal(dir + "/sriov_offset", value)).orElse(0),
                fs.read(dir + "/sriov_stride").map(value -> AttributeParser.decimal(dir + "/sriov_stride", value)).orElse(0),
                fs.read(dir + "/sriov_vf_device").map(value -> AttributeParser.bareHex(dir + "/sriov_vf_device", value)).orElse(0),
                fs.read(dir + "/sriov_drivers_autoprobe").map(value -> flag(dir + "/sriov_drivers_autoprobe", value)).orElse(true),
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
