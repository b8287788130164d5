package io.libvfio.runtime.discovery;

import io.libvfio.api.HostInventory;
import io.libvfio.api.MdevParent;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.host.LibcAttributeWriter;
import io.libvfio.runtime.host.LocalHostFs;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class HostDiscoveryTest
{
    private static final PciAddress IGPU = PciAddress.parse("0000:00:02.0");
    private static final PciAddress ROOT_PORT = PciAddress.parse("0000:00:01.0");
    private static final PciAddress DGPU = PciAddress.parse("0000:01:00.0");
    private static final PciAddress AUDIO = PciAddress.parse("0000:01:00.1");

    @TempDir
    Path root;
    private SimulatedHost host;

    @BeforeEach
    void setUp()
    {
        host = SimulatedHost.create(root, "BOOT_IMAGE=/vmlinuz intel_iommu=on")
                .numaNode(0, "0-7", 16_000_000, 512, 500, 2, 2)
                .add(SimulatedHost.function("0000:00:02.0").ids(0x8086, 0x3e9b).subsystem(0x1028, 0x0869).classCode(0x030000)
                        .revision(0x02).driver("i915").numaNode(0).localCpus("0-7").iommuGroup(0).bootVga(true))
                .add(SimulatedHost.function("0000:00:01.0").ids(0x8086, 0x1901).classCode(0x060400).driver("pcieport").iommuGroup(1))
                .add(SimulatedHost.function("0000:01:00.0").ids(0x10de, 0x1e07).subsystem(0x10de, 0x12a4).classCode(0x030000)
                        .revision(0xa1).driver("nvidia").numaNode(0).localCpus("0-7").iommuGroup(1).behind(ROOT_PORT))
                .add(SimulatedHost.function("0000:01:00.1").ids(0x10de, 0x10f7).classCode(0x040300).driver("snd_hda_intel")
                        .iommuGroup(1).behind(ROOT_PORT))
                .mdevType(DGPU, "nvidia-1", "GVM [Geforce /10]", "num_heads=4, frl_config=120, framebuffer=1024M, max_resolution=3840x2160, max_instance=10", 10);
    }

    private HostInventory discover()
    {
        LocalHostFs fs = new LocalHostFs(HostPaths.of(root), new LibcAttributeWriter());
        return new HostDiscovery(fs, vendors -> PciIdsDatabase.empty()).discover();
    }

    @Test
    void readsEveryFunctionWithItsAttributes()
    {
        HostInventory inventory = discover();
        assertThat(inventory.devices()).extracting(PciDevice::address).containsExactly(ROOT_PORT, IGPU, DGPU, AUDIO);
        PciDevice dgpu = inventory.device(DGPU).orElseThrow();
        assertThat(dgpu.pciId()).isEqualTo("10de:1e07");
        assertThat(dgpu.subsystemDeviceId()).isEqualTo(0x12a4);
        assertThat(dgpu.classCode()).isEqualTo(0x030000);
        assertThat(dgpu.revision()).isEqualTo(0xa1);
        assertThat(dgpu.driver()).contains("nvidia");
        assertThat(dgpu.numaNode()).hasValue(0);
        assertThat(dgpu.localCpus()).hasToString("0-7");
        assertThat(dgpu.iommuGroup()).hasValue(1);
        assertThat(dgpu.bootVga()).contains(false);
        assertThat(dgpu.driverOverride()).isEmpty();
        assertThat(dgpu.sriov()).isEmpty();
        assertThat(inventory.device(AUDIO).orElseThrow().bootVga()).isEmpty();
        assertThat(inventory.device(IGPU).orElseThrow().bootVga()).contains(true);
        assertThat(inventory.device(ROOT_PORT).orElseThrow().isBridge()).isTrue();
        assertThat(inventory.gpus()).extracting(PciDevice::address).containsExactly(IGPU, DGPU);
        assertThat(inventory.warnings()).isEmpty();
    }

    @Test
    void readsGroupsNumaAndMdevParents()
    {
        HostInventory inventory = discover();
        assertThat(inventory.iommuEnabled()).isTrue();
        assertThat(inventory.iommuGroup(1).orElseThrow().devices()).containsExactly(ROOT_PORT, DGPU, AUDIO);
        assertThat(inventory.numaNode(0).orElseThrow().cpus()).hasToString("0-7");
        assertThat(inventory.numaNode(0).orElseThrow().memTotalKib()).hasValue(16_000_000);
        assertThat(inventory.numaNode(0).orElseThrow().freeHugePagesKib()).isEqualTo(500L * 2048 + 2L * 1048576);
        MdevParent parent = inventory.mdevParent(DGPU).orElseThrow();
        assertThat(parent.types()).singleElement().satisfies(type -> {
            assertThat(type.id()).isEqualTo("nvidia-1");
            assertThat(type.name()).contains("GVM [Geforce /10]");
            assertThat(type.availableInstances()).isEqualTo(10);
            assertThat(type.deviceApi()).isEqualTo("vfio-pci");
            assertThat(type.devices()).isEmpty();
        });
    }

    @Test
    void readsSriovPhysicalAndVirtualFunctions()
    {
        PciAddress pf = PciAddress.parse("0000:3d:00.0");
        host.add(SimulatedHost.function("0000:3d:00.0").ids(0x10de, 0x26b9).classCode(0x030200).driver("nvidia").iommuGroup(20)
                .numaNode(0).localCpus("0-7").sriov(32, 4, 1, 0x26b9));
        List<PciAddress> vfs = host.enableVfs(pf, 3, spec -> spec.driver("nvidia"));
        host.writeAttribute("sys/bus/pci/devices/0000:3d:00.0/sriov_drivers_autoprobe", "0");
        HostInventory inventory = discover();
        PciDevice device = inventory.device(pf).orElseThrow();
        assertThat(device.sriov()).hasValueSatisfying(sriov -> {
            assertThat(sriov.totalVfs()).isEqualTo(32);
            assertThat(sriov.numVfs()).isEqualTo(3);
            assertThat(sriov.vfDeviceId()).isEqualTo(0x26b9);
            assertThat(sriov.driversAutoprobe()).isFalse();
            assertThat(sriov.virtualFunctions()).containsExactlyElementsOf(vfs);
        });
        assertThat(vfs).containsExactly(PciAddress.parse("0000:3d:00.4"), PciAddress.parse("0000:3d:00.5"), PciAddress.parse("0000:3d:00.6"));
        PciDevice vf = inventory.device(vfs.get(0)).orElseThrow();
        assertThat(vf.physicalFunction()).contains(pf);
        assertThat(vf.iommuGroup()).isPresent();
        assertThat(inventory.gpus()).extracting(PciDevice::address).doesNotContainAnyElementsOf(vfs);
    }

    @Test
    void aMalformedDeviceBecomesAWarningAndHidesNoOther()
            throws IOException
    {
        host.writeAttribute("sys/bus/pci/devices/0000:00:02.0/numa_node", "abc");
        HostInventory inventory = discover();
        assertThat(inventory.device(IGPU)).isEmpty();
        assertThat(inventory.device(DGPU)).isPresent();
        assertThat(inventory.warnings()).containsExactly(
                "0000:00:02.0 skipped: /sys/bus/pci/devices/0000:00:02.0/numa_node: malformed value 'abc' (expected a decimal number)");
    }

    @Test
    void aDanglingIommuGroupLinkIsNamed()
            throws IOException
    {
        Path link = host.realDevice(DGPU).resolve("iommu_group");
        Files.delete(link);
        Files.createSymbolicLink(link, Path.of("../../../../kernel/iommu_groups/99"));
        HostInventory inventory = discover();
        assertThat(inventory.device(DGPU)).isEmpty();
        assertThat(inventory.warnings()).singleElement().asString()
                .contains("/sys/bus/pci/devices/0000:01:00.0/iommu_group: dangling link to ../../../../kernel/iommu_groups/99");
    }

    @Test
    void anUnreadableAttributeIsNamed()
            throws IOException
    {
        Path uevent = host.realDevice(AUDIO).resolve("uevent");
        Files.delete(uevent);
        Files.createDirectory(uevent);
        HostInventory inventory = discover();
        assertThat(inventory.device(AUDIO)).isEmpty();
        assertThat(inventory.warnings()).singleElement().asString()
                .startsWith("0000:01:00.1 skipped: cannot read /sys/bus/pci/devices/0000:01:00.1/uevent");
        assertThat(inventory.iommuGroup(1).orElseThrow().devices()).as("an unreadable device still counts in its group").contains(AUDIO);
    }

    @Test
    void aTruncatedClassValueIsNamed()
    {
        // Without a uevent summary the attribute files are read one by one.
        host.writeAttribute("sys/bus/pci/devices/0000:01:00.1/uevent", "PCI_SLOT_NAME=0000:01:00.1");
        host.writeAttribute("sys/bus/pci/devices/0000:01:00.1/class", "0x");
        HostInventory inventory = discover();
        assertThat(inventory.warnings()).singleElement().asString()
                .isEqualTo("0000:01:00.1 skipped: /sys/bus/pci/devices/0000:01:00.1/class: malformed value '0x' (expected a 0x-prefixed hex number)");
    }

    @Test
    void theAttributeFilesAgreeWithTheUeventSummary()
    {
        HostInventory fromUevent = discover();
        host.writeAttribute("sys/bus/pci/devices/0000:01:00.0/uevent", "PCI_SLOT_NAME=0000:01:00.0");
        HostInventory fromFiles = discover();
        assertThat(fromFiles.device(DGPU)).isEqualTo(fromUevent.device(DGPU));
    }

    @Test
    void aMalformedUeventIdIsNamed()
    {
        host.writeAttribute("sys/bus/pci/devices/0000:01:00.1/uevent", "PCI_ID=10DE-10F7\nPCI_CLASS=40300");
        HostInventory inventory = discover();
        assertThat(inventory.warnings()).singleElement().asString()
                .isEqualTo("0000:01:00.1 skipped: /sys/bus/pci/devices/0000:01:00.1/uevent PCI_ID: malformed value '10DE-10F7' (expected VVVV:DDDD)");
    }

    @Test
    void aHostWithoutIommuHasNoGroups()
            throws IOException
    {
        Path bare = root.resolve("bare");
        SimulatedHost.create(bare, "quiet")
                .add(SimulatedHost.function("0000:00:06.0").ids(0x10de, 0x2330).classCode(0x030200).driver("nvidia"));
        LocalHostFs fs = new LocalHostFs(HostPaths.of(bare), new LibcAttributeWriter());
        HostInventory inventory = new HostDiscovery(fs, vendors -> PciIdsDatabase.empty()).discover();
        assertThat(inventory.iommuEnabled()).isFalse();
        assertThat(inventory.device(PciAddress.parse("0000:00:06.0")).orElseThrow().iommuGroup()).isEmpty();
        assertThat(inventory.device(PciAddress.parse("0000:00:06.0")).orElseThrow().numaNode()).isEmpty();
    }
}
