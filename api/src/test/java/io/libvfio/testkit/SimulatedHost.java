package io.libvfio.testkit;

import io.libvfio.api.PciAddress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Writes a simulated host: a directory tree shaped like the root of a Linux machine, with the
 * attribute files, values and real symbolic links that {@code shared/docs/sysfs-spec.md}
 * describes. Used to build {@code examples/hosts/*}, by tests, and by {@link FakeKernel} to
 * add and remove devices as the kernel would.
 */
public final class SimulatedHost
{
    private static final String SYS_PCI = "sys/bus/pci";
    private final Path root;

    private SimulatedHost(Path root)
    {
        requireNonNull(root, "root is null");
        try {
            // real and absolute, so that paths relativized against resolved device links match
            Files.createDirectories(root);
            this.root = root.toRealPath();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lays out an empty host: the PCI bus files, an empty IOMMU group set, and /proc/cmdline. */
    public static SimulatedHost create(Path root, String cmdline)
    {
        SimulatedHost host = new SimulatedHost(root);
        host.mkdirs("sys/bus/pci/devices");
        host.mkdirs("sys/bus/pci/drivers");
        host.writeAttribute("sys/bus/pci/drivers_probe", "");
        host.writeAttribute("sys/bus/pci/drivers_autoprobe", "1");
        host.writeAttribute("sys/bus/pci/rescan", "");
        host.mkdirs("sys/kernel/iommu_groups");
        host.mkdirs("sys/devices/system/node");
        host.mkdirs("dev");
        host.writeAttribute("proc/cmdline", cmdline);
        return host;
    }

    /** Opens an existing simulated host for further changes. */
    public static SimulatedHost open(Path root)
    {
        if (!Files.isDirectory(root.resolve(SYS_PCI))) {
            throw new IllegalArgumentException("not a simulated host: " + root);
        }
        return new SimulatedHost(root);
    }

    public static PciFunctionSpec function(String address)
    {
        return new PciFunctionSpec(PciAddress.parse(address));
    }

    public Path root()
    {
        return root;
    }

    /**
     * {@code /proc/cpuinfo}: one stanza per CPU with the fields tools look at (processor,
     * vendor_id, cpu family, model, model name, flags); real files have more fields per CPU.
     */
    public SimulatedHost cpuinfo(String vendorId, int family, int model, String modelName, int cpus, String flags)
    {
        StringBuilder text = new StringBuilder();
        for (int cpu = 0; cpu < cpus; cpu++) {
            text.append("processor\t: ").append(cpu).append('\n')
                    .append("vendor_id\t: ").append(vendorId).append('\n')
                    .append("cpu family\t: ").append(family).append('\n')
                    .append("model\t\t: ").append(model).append('\n')
                    .append("model name\t: ").append(modelName).append('\n')
                    .append("flags\t\t: ").append(flags).append("\n\n");
        }
        writeText("proc/cpuinfo", text.toString());
        return this;
    }

    /** {@code /proc/sys/kernel/osrelease}: the running kernel's release, as {@code uname -r} prints it. */
    public SimulatedHost osrelease(String release)
    {
        writeAttribute("proc/sys/kernel/osrelease", release);
        return this;
    }

    /** A NUMA node with CPUs, memory and 2 MiB / 1 GiB hugepages. */
    public SimulatedHost numaNode(int id, String cpulist, long memTotalKib, long hugepages2m, long free2m, long hugepages1g, long free1g)
    {
        String node = "sys/devices/system/node/node" + id;
        writeAttribute(node + "/cpulist", cpulist);
        writeAttribute(node + "/cpumap", cpumap(cpulist));
        writeAttribute(node + "/meminfo", "Node %d MemTotal:       %8d kB\nNode %d MemFree:        %8d kB".formatted(id, memTotalKib, id, memTotalKib / 2));
        hugepages(node + "/hugepages/hugepages-2048kB", hugepages2m, free2m);
        hugepages(node + "/hugepages/hugepages-1048576kB", hugepages1g, free1g);
        List<Integer> nodes = numaNodeIds();
        String online = nodes.isEmpty() ? "" : rangeList(nodes);
        for (String name : List.of("online", "possible", "has_cpu", "has_memory", "has_normal_memory")) {
            writeAttribute("sys/devices/system/node/" + name, online);
        }
        for (int node2 : nodes) {
            writeAttribute("sys/devices/system/node/node" + node2 + "/distance",
                    String.join(" ", nodes.stream().map(other -> other == node2 ? "10" : "21").toList()));
        }
        return this;
    }

    private void hugepages(String directory, long total, long free)
    {
        writeAttribute(directory + "/nr_hugepages", Long.toString(total));
        writeAttribute(directory + "/free_hugepages", Long.toString(free));
        writeAttribute(directory + "/surplus_hugepages", "0");
    }

    /** Adds a PCI function with its attributes, config space, driver and IOMMU group links. */
    public SimulatedHost add(PciFunctionSpec spec)
    {
        Path device = root.resolve(deviceDirectory(spec));
        if (Files.exists(device)) {
            throw new IllegalStateException("device already exists: " + spec.address);
        }
        String dir = root.relativize(device).toString();
        writeAttribute(dir + "/vendor", hex4(spec.vendor));
        writeAttribute(dir + "/device", hex4(spec.device));
        writeAttribute(dir + "/subsystem_vendor", hex4(spec.subsystemVendor));
        writeAttribute(dir + "/subsystem_device", hex4(spec.subsystemDevice));
        writeAttribute(dir + "/class", "0x%06x".formatted(spec.classCode));
        writeAttribute(dir + "/revision", "0x%02x".formatted(spec.revision));
        writeAttribute(dir + "/irq", "0");
        writeAttribute(dir + "/numa_node", Integer.toString(spec.numaNode));
        writeAttribute(dir + "/local_cpulist", spec.localCpus);
        writeAttribute(dir + "/local_cpus", cpumap(spec.localCpus));
        writeAttribute(dir + "/modalias", modalias(spec));
        writeAttribute(dir + "/enable", spec.driver == null ? "0" : "1");
        writeAttribute(dir + "/driver_override", spec.driverOverride == null ? "(null)" : spec.driverOverride);
        writeAttribute(dir + "/remove", "");
        writeAttribute(dir + "/rescan", "");
        writeAttribute(dir + "/resource", resource(spec));
        if (!spec.isBridge()) {
            writeAttribute(dir + "/reset_method", "flr");
            writeAttribute(dir + "/reset", "");
        }
        if (spec.isVga()) {
            writeAttribute(dir + "/boot_vga", spec.bootVga ? "1" : "0");
        }
        if (spec.isBridge()) {
            // the child bus directory: Proxmox and others tell bridges apart by pci_bus/
            String bus = dir + "/pci_bus/%04x:%02x".formatted(spec.address.domain(), spec.secondaryBusNumber());
            writeAttribute(bus + "/cpuaffinity", cpumap(spec.localCpus));
            writeAttribute(bus + "/cpulistaffinity", spec.localCpus);
            writeAttribute(bus + "/rescan", "");
        }
        if (spec.totalVfs >= 0) {
            writeAttribute(dir + "/sriov_totalvfs", Integer.toString(spec.totalVfs));
            writeAttribute(dir + "/sriov_numvfs", "0");
            writeAttribute(dir + "/sriov_offset", Integer.toString(spec.vfOffset));
            writeAttribute(dir + "/sriov_stride", Integer.toString(spec.vfStride));
            writeAttribute(dir + "/sriov_vf_device", Integer.toHexString(spec.vfDevice));
            writeAttribute(dir + "/sriov_drivers_autoprobe", "1");
            writeAttribute(dir + "/sriov_vf_total_msix", "0");
        }
        for (int index = 0; index < spec.extraFiles.size(); index++) {
            writeAttribute(dir + "/" + spec.extraFiles.get(index), spec.extraValues.get(index));
        }
        writeBytes(dir + "/config", configSpace(spec));
        link(dir + "/subsystem", SYS_PCI);
        link(SYS_PCI + "/devices/" + spec.address, dir);
        if (spec.iommuGroup != null) {
            joinIommuGroup(spec.address, spec.iommuGroup);
        }
        if (spec.driver != null) {
            driver(spec.driver);
            link(dir + "/driver", SYS_PCI + "/drivers/" + spec.driver);
            link(SYS_PCI + "/drivers/" + spec.driver + "/" + spec.address, dir);
        }
        writeAttribute(dir + "/uevent", uevent(spec.driver, spec.classCode, spec.vendor, spec.device, spec.subsystemVendor, spec.subsystemDevice,
                spec.address, modalias(spec)));
        return this;
    }

    /**
     * Enables {@code count} VFs of an SR-IOV PF: new functions at {@code devfn + offset + i*stride}
     * with {@code physfn}/{@code virtfnN} links, each in its own new IOMMU group when the PF has one.
     */
    public List<PciAddress> enableVfs(PciAddress pf, int count, Consumer<PciFunctionSpec> customizer)
    {
        return enableVfs(pf, count, customizer, this::nextIommuGroup);
    }

    /** {@link #enableVfs(PciAddress, int, Consumer)} with the VFs' group ids from {@code groupIds}, asked once per VF. */
    List<PciAddress> enableVfs(PciAddress pf, int count, Consumer<PciFunctionSpec> customizer, IntSupplier groupIds)
    {
        String pfDir = "sys/bus/pci/devices/" + pf;
        int offset = Integer.parseInt(readValue(pfDir + "/sriov_offset"));
        int stride = Integer.parseInt(readValue(pfDir + "/sriov_stride"));
        int vfDevice = Integer.parseInt(readValue(pfDir + "/sriov_vf_device"), 16);
        int vendor = Integer.decode(readValue(pfDir + "/vendor"));
        int subsystemVendor = Integer.decode(readValue(pfDir + "/subsystem_vendor"));
        int subsystemDevice = Integer.decode(readValue(pfDir + "/subsystem_device"));
        int classCode = Integer.decode(readValue(pfDir + "/class"));
        int revision = Integer.decode(readValue(pfDir + "/revision"));
        int numaNode = Integer.parseInt(readValue(pfDir + "/numa_node"));
        String localCpus = readValue(pfDir + "/local_cpulist");
        Path pfReal = realDevice(pf);
        String pfRelative = root.relativize(pfReal).toString();
        PciAddress pfBridge = bridgeOf(pfReal);
        String pfGroup = linkName(pfDir + "/iommu_group");
        List<PciAddress> vfs = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            PciAddress vf = vfAddress(pf, offset, stride, index);
            PciFunctionSpec spec = new PciFunctionSpec(vf)
                    .ids(vendor, vfDevice)
                    .subsystem(subsystemVendor, subsystemDevice)
                    .classCode(classCode)
                    .revision(revision)
                    .numaNode(numaNode)
                    .localCpus(localCpus);
            spec.bridge = pfBridge;
            if (pfGroup != null) {
                spec.iommuGroup(groupIds.getAsInt());
            }
            customizer.accept(spec);
            add(spec);
            String vfDir = pfBridge == null ? deviceDirectory(spec) : root.relativize(pfReal.getParent().resolve(vf.toString())).toString();
            link(vfDir + "/physfn", pfRelative);
            link(pfRelative + "/virtfn" + index, vfDir);
            vfs.add(vf);
        }
        writeAttribute(pfDir + "/sriov_numvfs", Integer.toString(count));
        return vfs;
    }

    /** Removes every VF of a PF, as writing 0 to {@code sriov_numvfs} does. */
    public void disableVfs(PciAddress pf)
    {
        Path pfReal = realDevice(pf);
        try (Stream<Path> entries = Files.list(pfReal)) {
            for (Path link : entries.filter(path -> path.getFileName().toString().startsWith("virtfn")).sorted().toList()) {
                PciAddress vf = PciAddress.parse(link.toRealPath().getFileName().toString());
                removeFunction(vf);
                Files.delete(link);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeAttribute("sys/bus/pci/devices/" + pf + "/sriov_numvfs", "0");
    }

    /** Removes a function and every link to it. */
    public void removeFunction(PciAddress address)
    {
        String bus = "sys/bus/pci/devices/" + address;
        String driver = linkName(bus + "/driver");
        if (driver != null) {
            unbindDriver(address);
        }
        String group = linkName(bus + "/iommu_group");
        Path real = realDevice(address);
        if (group != null) {
            delete(root.resolve("sys/kernel/iommu_groups/" + group + "/devices/" + address));
            Path groupDevices = root.resolve("sys/kernel/iommu_groups/" + group + "/devices");
            if (isEmptyDirectory(groupDevices)) {
                deleteTree(groupDevices.getParent());
            }
        }
        delete(root.resolve(bus));
        deleteTree(real);
    }

    /** Adds an mdev type under a parent, and the parent's {@code /sys/class/mdev_bus} link. */
    public SimulatedHost mdevType(PciAddress parent, String typeId, String name, String description, int availableInstances)
    {
        return mdevType(root.relativize(realDevice(parent)).toString(), parent.toString(), typeId, name, description, availableInstances);
    }

    /**
     * A virtual mdev parent as the kernel's sample drivers ({@code mtty}, {@code mdpy},
     * {@code mbochs}) register it: the device {@code /sys/devices/virtual/<name>/<name>} of
     * class {@code <name>}, listed as {@code /sys/class/mdev_bus/<name>} once it has a type.
     */
    public SimulatedHost virtualMdevParent(String name)
    {
        String dir = virtualParentDirectory(name);
        writeAttribute(dir + "/uevent", "");
        mkdirs(dir + "/power");
        link(dir + "/subsystem", "sys/class/" + name);
        mkdirs("sys/class/" + name);
        link("sys/class/" + name + "/" + name, dir);
        return this;
    }

    /** Adds an mdev type under a virtual parent made by {@link #virtualMdevParent}. */
    public SimulatedHost mdevType(String virtualParent, String typeId, String name, String description, int availableInstances)
    {
        String dir = virtualParentDirectory(virtualParent);
        if (!Files.isDirectory(root.resolve(dir))) {
            throw new IllegalStateException("no virtual mdev parent " + virtualParent + " (virtualMdevParent first)");
        }
        return mdevType(dir, virtualParent, typeId, name, description, availableInstances);
    }

    private static String virtualParentDirectory(String name)
    {
        return "sys/devices/virtual/" + name + "/" + name;
    }

    private SimulatedHost mdevType(String parentDir, String busName, String typeId, String name, String description, int availableInstances)
    {
        String type = parentDir + "/mdev_supported_types/" + typeId;
        writeAttribute(type + "/create", "");
        if (name != null) {
            writeAttribute(type + "/name", name);
        }
        if (description != null) {
            writeAttribute(type + "/description", description);
        }
        writeAttribute(type + "/available_instances", Integer.toString(availableInstances));
        writeAttribute(type + "/device_api", "vfio-pci");
        mkdirs(type + "/devices");
        // the mdev core's bus and the vendor's mdev driver are registered before any type shows
        mkdirs("sys/bus/mdev/devices");
        if (!Files.exists(root.resolve("sys/bus/mdev/uevent"))) {
            writeAttribute("sys/bus/mdev/drivers_autoprobe", "1");
            writeAttribute("sys/bus/mdev/drivers_probe", "");
            writeAttribute("sys/bus/mdev/uevent", "");
        }
        String mdevDriver = "sys/bus/mdev/drivers/" + MdevAccounting.mdevDriver(typeId);
        if (!Files.exists(root.resolve(mdevDriver + "/uevent"))) {
            for (String file : List.of("bind", "unbind", "uevent")) {
                writeAttribute(mdevDriver + "/" + file, "");
            }
        }
        if (!Files.exists(root.resolve("sys/class/mdev_bus/" + busName), LinkOption.NOFOLLOW_LINKS)) {
            link("sys/class/mdev_bus/" + busName, parentDir);
        }
        return this;
    }

    /** Creates a PCI driver directory with its control files. */
    public SimulatedHost driver(String name)
    {
        String dir = SYS_PCI + "/drivers/" + name;
        if (!Files.isDirectory(root.resolve(dir))) {
            for (String file : List.of("bind", "unbind", "new_id", "remove_id", "uevent")) {
                writeAttribute(dir + "/" + file, "");
            }
        }
        return this;
    }

    public void bindDriver(PciAddress address, String driver)
    {
        driver(driver);
        Path real = realDevice(address);
        String dir = root.relativize(real).toString();
        link(dir + "/driver", SYS_PCI + "/drivers/" + driver);
        link(SYS_PCI + "/drivers/" + driver + "/" + address, dir);
        writeAttribute(dir + "/enable", "1");
        writeUevent(address);
    }

    public void unbindDriver(PciAddress address)
    {
        String dir = root.relativize(realDevice(address)).toString();
        String driver = linkName(dir + "/driver");
        if (driver != null) {
            delete(root.resolve(dir + "/driver"));
            delete(root.resolve(SYS_PCI + "/drivers/" + driver + "/" + address));
            writeAttribute(dir + "/enable", "0");
            writeUevent(address);
        }
    }

    public void joinIommuGroup(PciAddress address, int group)
    {
        String groupDir = "sys/kernel/iommu_groups/" + group;
        if (!Files.isDirectory(root.resolve(groupDir))) {
            writeAttribute(groupDir + "/type", "DMA");
            writeAttribute(groupDir + "/reserved_regions", "0x00000000fee00000 0x00000000feefffff msi");
            mkdirs(groupDir + "/devices");
        }
        String dir = root.relativize(realDevice(address)).toString();
        link(dir + "/iommu_group", groupDir);
        link(groupDir + "/devices/" + address, dir);
    }

    /**
     * A loaded kernel module: {@code /sys/module/<name>/} with {@code initstate} {@code live},
     * {@code refcnt}, and one file per module parameter (values as the kernel prints them,
     * e.g. {@code Y} for a bool, written with the trailing newline).
     */
    public SimulatedHost module(String name, Map<String, String> parameters)
    {
        String dir = "sys/module/" + name;
        writeAttribute(dir + "/initstate", "live");
        writeAttribute(dir + "/refcnt", "0");
        for (Map.Entry<String, String> parameter : new TreeMap<>(parameters).entrySet()) {
            writeAttribute(dir + "/parameters/" + parameter.getKey(), parameter.getValue());
        }
        return this;
    }

    /** The {@code module} link of a PCI driver directory, as a loadable module's driver has. */
    public SimulatedHost driverModule(String driver, String module)
    {
        driver(driver);
        link(SYS_PCI + "/drivers/" + driver + "/module", "sys/module/" + module);
        return this;
    }

    /** A device node under {@code /dev}, stored as an empty regular file (e.g. {@code vfio/vfio}, {@code kvm}). */
    public SimulatedHost deviceNode(String path)
    {
        writeBytes("dev/" + path, new byte[0]);
        return this;
    }

    /**
     * A DRM card of a PCI function: {@code <device>/drm/card<N>/} with {@code dev} and a
     * {@code device} link, and the {@code /sys/class/drm/card<N>} link to it.
     *
     * @return the root-relative card directory, where drivers add their own files
     */
    public String drmCard(PciAddress address, int card)
    {
        String device = relativeDevice(address);
        String dir = device + "/drm/card" + card;
        writeAttribute(dir + "/dev", "226:" + card);
        writeAttribute(dir + "/uevent", "MAJOR=226\nMINOR=" + card + "\nDEVNAME=dri/card" + card + "\nDEVTYPE=drm_minor");
        link(dir + "/device", device);
        link(dir + "/subsystem", "sys/class/drm");
        link("sys/class/drm/card" + card, dir);
        return dir;
    }

    /** The real device directory of a PCI function, relative to the root (where vendor files go). */
    public String relativeDevice(PciAddress address)
    {
        return root.relativize(realDevice(address)).toString();
    }

    /** Writes a file with exactly this content (no newline added), e.g. an empty read or a config file. */
    public void writeText(String relativePath, String content)
    {
        writeBytes(relativePath, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A relative symbolic link at {@code linkPath} pointing to {@code targetPath} (both root-relative). */
    public void symlink(String linkPath, String targetPath)
    {
        link(linkPath, targetPath);
    }

    /** The real (non-link) device directory of a PCI function. */
    public Path realDevice(PciAddress address)
    {
        try {
            return root.resolve(SYS_PCI + "/devices/" + address).toRealPath();
        }
        catch (IOException e) {
            throw new UncheckedIOException("no device " + address + " under " + root, e);
        }
    }

    /** Writes {@code value} plus the kernel's trailing newline; creates parent directories. */
    public void writeAttribute(String relativePath, String value)
    {
        writeBytes(relativePath, (value.isEmpty() && isWriteOnly(relativePath) ? "" : value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isWriteOnly(String path)
    {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return List.of("bind", "unbind", "new_id", "remove_id", "uevent", "drivers_probe", "rescan", "remove", "reset", "create").contains(name)
                || path.endsWith("reset_method") && false;
    }

    public String readValue(String relativePath)
    {
        try {
            String text = Files.readString(root.resolve(relativePath));
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String linkName(String relativePath)
    {
        Path path = root.resolve(relativePath);
        if (!Files.isSymbolicLink(path)) {
            return null;
        }
        try {
            return Files.readSymbolicLink(path).getFileName().toString();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writeUevent(PciAddress address)
    {
        String dir = "sys/bus/pci/devices/" + address;
        Path real = realDevice(address);
        String rel = root.relativize(real).toString();
        writeAttribute(rel + "/uevent", uevent(linkName(rel + "/driver"), Integer.decode(readValue(dir + "/class")),
                Integer.decode(readValue(dir + "/vendor")), Integer.decode(readValue(dir + "/device")),
                Integer.decode(readValue(dir + "/subsystem_vendor")), Integer.decode(readValue(dir + "/subsystem_device")),
                address, readValue(dir + "/modalias")));
    }

    private static String uevent(String driver, int classCode, int vendor, int device, int subsystemVendor, int subsystemDevice,
            PciAddress address, String modalias)
    {
        StringBuilder text = new StringBuilder();
        if (driver != null) {
            text.append("DRIVER=").append(driver).append('\n');
        }
        text.append("PCI_CLASS=").append(Integer.toHexString(classCode).toUpperCase(Locale.ROOT)).append('\n');
        text.append("PCI_ID=").append(hex4Upper(vendor)).append(':').append(hex4Upper(device)).append('\n');
        text.append("PCI_SUBSYS_ID=").append(hex4Upper(subsystemVendor)).append(':').append(hex4Upper(subsystemDevice)).append('\n');
        text.append("PCI_SLOT_NAME=").append(address).append('\n');
        text.append("MODALIAS=").append(modalias);
        return text.toString();
    }

    private static String hex4Upper(int value)
    {
        return "%04X".formatted(value);
    }

    private String deviceDirectory(PciFunctionSpec spec)
    {
        String top = "sys/devices/pci%04x:%02x".formatted(spec.address.domain(), spec.bridge == null ? spec.address.bus() : spec.bridge.bus());
        if (spec.bridge == null) {
            return top + "/" + spec.address;
        }
        return root.relativize(realDevice(spec.bridge)) + "/" + spec.address;
    }

    private PciAddress bridgeOf(Path device)
    {
        String parent = device.getParent().getFileName().toString();
        return PciAddress.isValid(parent) ? PciAddress.parse(parent) : null;
    }

    static PciAddress vfAddress(PciAddress pf, int offset, int stride, int index)
    {
        int routing = (pf.bus() << 8) + (pf.device() << 3) + pf.function() + offset + index * stride;
        return new PciAddress(pf.domain(), (routing >> 8) & 0xff, (routing >> 3) & 0x1f, routing & 7);
    }

    /** The next free IOMMU group id: one above the highest existing group. */
    int nextIommuGroup()
    {
        return iommuGroupIds().length();
    }

    /** The ids of the IOMMU groups that exist now. */
    BitSet iommuGroupIds()
    {
        try (Stream<Path> groups = Files.list(root.resolve("sys/kernel/iommu_groups"))) {
            BitSet used = new BitSet();
            groups.map(path -> path.getFileName().toString()).filter(name -> !name.isEmpty() && name.length() < 10 && name.chars().allMatch(Character::isDigit))
                    .mapToInt(Integer::parseInt).forEach(used::set);
            return used;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Integer> numaNodeIds()
    {
        try (Stream<Path> nodes = Files.list(root.resolve("sys/devices/system/node"))) {
            return nodes.map(path -> path.getFileName().toString()).filter(name -> name.matches("node[0-9]+"))
                    .map(name -> Integer.parseInt(name.substring(4))).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String modalias(PciFunctionSpec spec)
    {
        return "pci:v%08Xd%08Xsv%08Xsd%08Xbc%02Xsc%02Xi%02X".formatted(spec.vendor, spec.device, spec.subsystemVendor, spec.subsystemDevice,
                (spec.classCode >> 16) & 0xff, (spec.classCode >> 8) & 0xff, spec.classCode & 0xff);
    }

    private static String resource(PciFunctionSpec spec)
    {
        List<String> lines = new ArrayList<>();
        for (int index = 0; index < 13; index++) {
            lines.add("0x0000000000000000 0x0000000000000000 0x0000000000000000");
        }
        return String.join("\n", lines);
    }

    /** 256 bytes of type-0 (or type-1 for bridges) configuration header, as lspci reads it. */
    static byte[] configSpace(PciFunctionSpec spec)
    {
        ByteBuffer config = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        config.putShort(0, (short) spec.vendor);
        config.putShort(2, (short) spec.device);
        config.putShort(4, (short) (spec.driver == null ? 0x0000 : 0x0406));
        config.putShort(6, (short) 0x0010);
        config.put(8, (byte) spec.revision);
        config.put(9, (byte) spec.classCode);
        config.put(10, (byte) (spec.classCode >> 8));
        config.put(11, (byte) (spec.classCode >> 16));
        config.put(14, (byte) (spec.isBridge() ? 0x01 : 0x00));
        if (spec.isBridge()) {
            config.put(24, (byte) spec.address.bus());
            config.put(25, (byte) spec.secondaryBusNumber());
            config.put(26, (byte) spec.secondaryBusNumber());
        }
        else {
            config.putShort(44, (short) spec.subsystemVendor);
            config.putShort(46, (short) spec.subsystemDevice);
        }
        // Capability list: a PCI Express capability at 0x40, so lspci shows a PCIe device.
        config.put(52, (byte) 0x40);
        config.put(0x40, (byte) 0x10);
        config.put(0x41, (byte) 0x00);
        config.putShort(0x42, (short) (spec.isBridge() ? 0x0042 : 0x0002));
        config.put(61, (byte) (spec.isBridge() ? 0 : 1));
        return config.array();
    }

    private static String hex4(int value)
    {
        return "0x%04x".formatted(value);
    }

    /** The kernel's hex cpumask for a cpulist ({@code 0-3} is {@code f}). */
    static String cpumap(String cpulist)
    {
        java.util.BitSet bits = new java.util.BitSet();
        for (String part : cpulist.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] range = part.split("-");
            int first = Integer.parseInt(range[0].strip());
            int last = range.length > 1 ? Integer.parseInt(range[1].strip()) : first;
            bits.set(first, last + 1);
        }
        byte[] bytes = bits.toByteArray();
        StringBuilder hex = new StringBuilder();
        for (int index = bytes.length - 1; index >= 0; index--) {
            hex.append("%02x".formatted(bytes[index] & 0xff));
        }
        String text = hex.toString().replaceFirst("^0+(?=.)", "");
        return text.isEmpty() ? "0" : text;
    }

    private static String rangeList(List<Integer> ids)
    {
        return ids.size() == 1 ? ids.get(0).toString() : ids.get(0) + "-" + ids.get(ids.size() - 1);
    }

    private void mkdirs(String relativePath)
    {
        try {
            Files.createDirectories(root.resolve(relativePath));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeBytes(String relativePath, byte[] bytes)
    {
        Path path = root.resolve(relativePath);
        try {
            createParent(path);
            Files.write(path, bytes);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createParent(Path path) throws IOException
    {
        // a stat is much cheaper than createDirectories' failing mkdir and exception on every write
        if (!Files.isDirectory(path.getParent())) {
            Files.createDirectories(path.getParent());
        }
    }

    /** A relative symbolic link at {@code linkPath} pointing to {@code targetPath} (both root-relative). */
    void link(String linkPath, String targetPath)
    {
        Path link = root.resolve(linkPath);
        Path target = root.resolve(targetPath);
        try {
            createParent(link);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, link.getParent().relativize(target));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path)
    {
        try {
            Files.deleteIfExists(path);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEmptyDirectory(Path directory)
    {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path directory)
    {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
