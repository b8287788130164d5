package io.libvfio.examples.hosts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every committed example host keeps the value formats and conditional presence rules of
 * {@code shared/docs/sysfs-spec.md} (§0 conventions, §1, §8 checklist).
 */
final class ExampleHostsFollowTheSpecTest
{
    /** Write-only (0200) attributes: they read nothing, so their stand-in files are empty. */
    private static final Set<String> WRITE_ONLY = Set.of(
            "bind", "unbind", "new_id", "remove_id", "uevent", "drivers_probe", "rescan", "remove", "reset", "create",
            "control", "stop");

    static List<String> hostNames()
    {
        return ExampleHosts.names();
    }

    private static Path root(String name)
    {
        return ExampleHosts.committedDirectory().resolve(name);
    }

    @ParameterizedTest
    @MethodSource("hostNames")
    void textAttributesEndWithExactlyOneNewline(String name) throws IOException
    {
        Path root = root(name);
        List<String> bad = new ArrayList<>();
        for (Path path : HostTree.walk(root)) {
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || isBinary(root, path)) {
                continue;
            }
            String relative = HostTree.relative(root, path);
            byte[] bytes = Files.readAllBytes(path);
            if (bytes.length == 0) {
                if (!mayBeEmpty(relative)) {
                    bad.add(relative + " is empty");
                }
                continue;
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (relative.equals("proc/cpuinfo")) {
                // procfs, not sysfs: every CPU's stanza ends with an empty line, the last one's too
                if (!text.endsWith("\n\n") || text.endsWith("\n\n\n")) {
                    bad.add(relative + " does not end its last stanza with one empty line");
                }
                continue;
            }
            if (!text.endsWith("\n") || text.endsWith("\n\n") || text.contains("\r")) {
                bad.add(relative + " does not end with exactly one newline");
            }
        }
        assertThat(bad).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("hostNames")
    void driverOverrideIsNullOrADriverName(String name)
    {
        for (Path device : pciDevices(name)) {
            assertThat(HostTree.read(device.resolve("driver_override")))
                    .as(device + "/driver_override").matches("\\(null\\)\n|[A-Za-z0-9_.-]+\n");
        }
    }

    @ParameterizedTest
    @MethodSource("hostNames")
    void identityAttributesUseTheKernelFormats(String name)
    {
        for (Path device : pciDevices(name)) {
            assertThat(HostTree.read(device.resolve("vendor"))).as(device + "/vendor").matches("0x[0-9a-f]{4}\n");
            assertThat(HostTree.read(device.resolve("device"))).as(device + "/device").matches("0x[0-9a-f]{4}\n");
            assertThat(HostTree.read(device.resolve("class"))).as(device + "/class").matches("0x[0-9a-f]{6}\n");
            assertThat(HostTree.read(device.resolve("revision"))).as(device + "/revision").matches("0x[0-9a-f]{2}\n");
            assertThat(HostTree.read(device.resolve("numa_node"))).as(device + "/numa_node").matches("(-1|[0-9]+)\n");
            assertThat(HostTree.read(device.resolve("local_cpulist"))).as(device + "/local_cpulist").matches("[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*\n");
            if (Files.exists(device.resolve("sriov_vf_device"))) {
                assertThat(HostTree.read(device.resolve("sriov_vf_device"))).as(device + "/sriov_vf_device: hex without 0x").matches("[0-9a-f]+\n");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("hostNames")
    void everySymlinkResolvesInsideTheHost(String name) throws IOException
    {
        Path root = root(name).toRealPath();
        List<String> bad = new ArrayList<>();
        for (Path path : HostTree.walk(root)) {
            if (!Files.isSymbolicLink(path)) {
                continue;
            }
            String link = HostTree.relative(root, path);
            if (Files.readSymbolicLink(path).isAbsolute()) {
                bad.add(link + " is absolute");
            }
            else if (!Files.exists(path)) {
                bad.add(link + " dangles");
            }
            else if (!path.toRealPath().startsWith(root)) {
                bad.add(link + " leaves the host");
            }
        }
        assertThat(bad).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("hostNames")
    void busEntriesLinkToDevicesWhoseConfigMatchesTheirIds(String name) throws IOException
    {
        Path devices = root(name).resolve("sys/bus/pci/devices");
        List<Path> entries = HostTree.walk(devices).stream().filter(path -> !path.equals(devices)).toList();
        assertThat(entries).isNotEmpty();
        for (Path entry : entries) {
            assertThat(Files.isSymbolicLink(entry)).as(entry + " is a link").isTrue();
            assertThat(Files.readSymbolicLink(entry).toString()).as(entry + " target").startsWith("../../../devices/pci");
            assertThat(entry).isDirectory();
            byte[] config = Files.readAllBytes(entry.resolve("config"));
            assertThat(config).as(entry + "/config").hasSize(256);
            int vendor = (config[0] & 0xff) | (config[1] & 0xff) << 8;
            int device = (config[2] & 0xff) | (config[3] & 0xff) << 8;
            assertThat(vendor).as(entry + " config vendor").isEqualTo(Integer.decode(HostTree.value(entry.resolve("vendor"))));
            assertThat(device).as(entry + " config device").isEqualTo(Integer.decode(HostTree.value(entry.resolve("device"))));
        }
    }

    @ParameterizedTest
    @MethodSource("hostNames")
    void conditionalFilesAppearOnlyWhereTheKernelCreatesThem(String name)
    {
        Path root = root(name);
        Path groups = root.resolve("sys/kernel/iommu_groups");
        boolean iommu = Files.isDirectory(groups) && !ExampleHosts.isEmpty(groups);
        boolean mdevParents = false;
        for (Path device : pciDevices(name)) {
            int classCode = Integer.decode(HostTree.value(device.resolve("class")));
            boolean vf = Files.isSymbolicLink(device.resolve("physfn"));
            boolean pf = Files.exists(device.resolve("sriov_totalvfs"));
            assertThat(Files.exists(device.resolve("boot_vga"))).as(device + ": boot_vga only on VGA class").isEqualTo(classCode >> 8 == 0x0300);
            assertThat(pf && vf).as(device + ": a PF has no physfn, a VF no sriov_*").isFalse();
            for (String file : List.of("sriov_numvfs", "sriov_offset", "sriov_stride", "sriov_vf_device", "sriov_drivers_autoprobe")) {
                assertThat(Files.exists(device.resolve(file))).as(device + "/" + file).isEqualTo(pf);
            }
            assertThat(Files.isSymbolicLink(device.resolve("iommu_group"))).as(device + ": iommu_group exactly when the host has an IOMMU").isEqualTo(iommu);
            assertThat(Files.exists(device.resolve("pci_bus"))).as(device + ": pci_bus only on bridges").isEqualTo(classCode >> 8 == 0x0604);
            mdevParents |= Files.isDirectory(device.resolve("mdev_supported_types"));
        }
        assertThat(Files.exists(root.resolve("sys/class/mdev_bus"))).as("/sys/class/mdev_bus exactly when there are mdev parents").isEqualTo(mdevParents);
    }

    private static List<Path> pciDevices(String name)
    {
        Path devices = root(name).resolve("sys/bus/pci/devices");
        return HostTree.walk(devices).stream().filter(path -> !path.equals(devices)).toList();
    }

    /** PCI {@code config} space and legacy GIM's binary command file. */
    private static boolean isBinary(Path root, Path path)
    {
        String relative = HostTree.relative(root, path);
        return path.getFileName().toString().equals("config") && Files.exists(path.resolveSibling("vendor"))
                || relative.equals("sys/bus/pci/drivers/gim/sriov");
    }

    /** Write-only files, device nodes under /dev, and attributes whose show() prints nothing in this state. */
    private static boolean mayBeEmpty(String relative)
    {
        String fileName = relative.substring(relative.lastIndexOf('/') + 1);
        return WRITE_ONLY.contains(fileName)
                || relative.startsWith("dev/")
                || relative.contains("/sriov_admin/.bulk_profile/")
                || fileName.equals("vf_load_status")
                || fileName.equals("reset_method");
    }
}
