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
    private static final int HELPER_THRESHOLD = 48;
    private static final String GROUP_LINK = "/kernel/iommu_groups/";

    private final HostFs fs;
    /** The names under /sys/kernel/iommu_groups, listed once per scan: a function's link to a listed group cannot dangle. */
    private Set<String> groups = Set.of();

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
        groups = listedGroups();
        Object[] results = new Object[names.size()];
        if (names.size() >= PARALLEL_THRESHOLD) {
            IntStream.range(0, names.size()).parallel().forEach(index -> results[index] = readOrExplain(names.get(index)));
        }
        else if (names.size() >= HELPER_THRESHOLD && Runtime.getRuntime().availableProcessors() > 1) {
            // Mid-sized hosts: one helper thread reads the second half; a parallel stream
            // (fork-join pool, lambdas) costs more to set up in a fresh JVM than it saves.
            Half helper = new Half(names, results, names.size() / 2, names.size());
            Thread thread = new Thread(helper, "libvfio-pci-scan");
            thread.start();
            readRange(names, results, 0, names.size() / 2);
            helper.join(thread);
        }
        else {
            readRange(names, results, 0, names.size());
        }
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

    /** The listed group names; none when the directory cannot be listed (each link is then checked with a stat). */
    private Set<String> listedGroups()
    {
        try {
            return new HashSet<>(fs.list(IommuScanner.GROUPS));
        }
        catch (VfioException e) {
            return Set.of();
        }
    }

    private void readRange(List<String> names, Object[] results, int from, int to)
    {
        for (int index = from; index < to; index++) {
            results[index] = readOrExplain(names.get(index));
        }
    }

    /** The helper thread's share of {@link #scan}; a failure is rethrown on the scanning thread. */
    private final class Half
            implements Runnable
    {
        private final List<String> names;
        private final Object[] results;
        private final int from;
        private final int to;
        private volatile Throwable failure;

        Half(List<String> names, Object[] results, int from, int to)
        {
            this.names = names;
            this.results = results;
            this.from = from;
            this.to = to;
        }

        @Override
        public void run()
        {
            try {
                readRange(names, results, from, to);
            }
            catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        void join(Thread thread)
        {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                }
                catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
    }

    private Object readOrExplain(String name)
    {
        if (!PciAddress.isValid(name)) {
            return DEVICES + "/" + name + ": not a PCI address; skipped";
        }
        try {
            return read(PciAddress.parse(name));
        }
        catch (VfioException e) {
            return name + " skipped: " + e.getMessage();
        }
    }

    // Written with nulls and plain branches, not Optional chains: about ten of these reads run for
    // every PCI function, mostly in the interpreter.
    PciDevice read(PciAddress address)
    {
        String dir = DEVICES + "/" + address;
        // The kernel's uevent summarises vendor, device, subsystem, class and driver in one read
        // (pci_uevent and dev_uevent); a missing key falls back to its own attribute file.
        Optional<String> text = fs.read(dir + "/uevent");
        Uevent uevent = Uevent.parse(dir + "/uevent", text.isPresent() ? text.get() : requireDevice(dir));
        int[] ids = uevent.pair("PCI_ID");
        if (ids == null) {
            ids = new int[] {hex(dir, "vendor"), hex(dir, "device")};
        }
        int[] subsystem = uevent.pair("PCI_SUBSYS_ID");
        if (subsystem == null) {
            subsystem = new int[] {optionalHex(dir, "subsystem_vendor"), optionalHex(dir, "subsystem_device")};
        }
        int classCode = uevent.value("PCI_CLASS") != null ? uevent.hex("PCI_CLASS") : hex(dir, "class");
        String driverName = uevent.value("DRIVER");
        Optional<String> driver = driverName != null ? Optional.of(driverName) : fs.linkName(dir + "/driver");
        boolean vgaClass = (classCode >> 8) == 0x0300 || (classCode >> 8) == 0x0001;
        Optional<String> physfn = fs.linkName(dir + "/physfn");
        Optional<PciAddress> physicalFunction = physfn.isPresent() ? Optional.of(address(dir + "/physfn", physfn.get())) : Optional.empty();
        int revision = optionalHex(dir, "revision");
        OptionalInt numaNode = numaNode(dir);
        Optional<String> cpus = fs.read(dir + "/local_cpulist");
        CpuList localCpus = cpus.isPresent() ? AttributeParser.cpuList(dir + "/local_cpulist", cpus.get()) : CpuList.empty();
        OptionalInt iommuGroup = iommuGroup(dir);
        Optional<Boolean> bootVga = Optional.empty();
        if (vgaClass) {
            Optional<String> value = fs.read(dir + "/boot_vga");
            bootVga = value.isPresent() ? Optional.of(flag(dir + "/boot_vga", value.get())) : Optional.empty();
        }
        Optional<String> override = fs.read(dir + "/driver_override");
        Optional<String> driverOverride = override.isPresent() && !override.get().equals("(null)") && !override.get().isEmpty() ? override : Optional.empty();
        Optional<SriovInfo> sriov = physicalFunction.isEmpty() && fs.exists(dir + "/sriov_totalvfs") ? Optional.of(sriov(dir)) : Optional.empty();
        return new PciDevice(
                address,
                ids[0],
                ids[1],
                subsystem[0],
                subsystem[1],
                classCode,
                revision,
                driver,
                numaNode,
                localCpus,
                iommuGroup,
                bootVga,
                driverOverride,
                sriov,
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
        Optional<String> value = fs.read(path);
        return value.isPresent() ? AttributeParser.hex(path, value.get()) : 0;
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
        String target = link.get();
        String group = target.substring(target.lastIndexOf('/') + 1);
        // A group the kernel lists is there; only a link to another name costs a stat to tell.
        boolean listed = target.endsWith(GROUP_LINK + group) && groups.contains(group);
        if (!listed && !fs.isDirectory(path)) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED, path + ": dangling link to " + target);
        }
        return OptionalInt.of(AttributeParser.decimal(path, group));
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
        int totalVfs = decimal(dir + "/sriov_totalvfs");
        int numVfs = decimal(dir + "/sriov_numvfs");
        Optional<String> offset = fs.read(dir + "/sriov_offset");
        Optional<String> stride = fs.read(dir + "/sriov_stride");
        Optional<String> vfDevice = fs.read(dir + "/sriov_vf_device");
        Optional<String> autoprobe = fs.read(dir + "/sriov_drivers_autoprobe");
        return new SriovInfo(
                totalVfs,
                numVfs,
                offset.isPresent() ? AttributeParser.decimal(dir + "/sriov_offset", offset.get()) : 0,
                stride.isPresent() ? AttributeParser.decimal(dir + "/sriov_stride", stride.get()) : 0,
                vfDevice.isPresent() ? AttributeParser.bareHex(dir + "/sriov_vf_device", vfDevice.get()) : 0,
                !autoprobe.isPresent() || flag(dir + "/sriov_drivers_autoprobe", autoprobe.get()),
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
