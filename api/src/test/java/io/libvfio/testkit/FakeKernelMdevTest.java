package io.libvfio.testkit;

import io.libvfio.api.Errno;
import io.libvfio.api.PciAddress;
import io.libvfio.api.VfioException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

import static io.libvfio.testkit.KernelAssertions.assertRefused;
import static io.libvfio.testkit.TestHosts.IGPU;
import static io.libvfio.testkit.TestHosts.P40;
import static io.libvfio.testkit.TestHosts.SAMPLE;
import static io.libvfio.testkit.TestHosts.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class FakeKernelMdevTest
{
    private static final String UUID = "83b8f4f2-509f-382f-3c1e-e6bfe0fa1001";
    private static final String UUID2 = "0000000a-0000-0000-0000-000000000100";

    @TempDir
    Path root;

    private FakeKernel kernel;

    @BeforeEach
    void setUp()
    {
        kernel = FakeKernel.on(TestHosts.mdev(root));
    }

    private static String type(String parent, String type)
    {
        return device(parent) + "/mdev_supported_types/" + type;
    }

    private int available(String parent, String type)
    {
        return Integer.parseInt(kernel.readRequired(type(parent, type) + "/available_instances"));
    }

    @Test
    void createMakesTheDeviceItsLinksItsOwnGroupAndAVfioNode()
    {
        kernel.write("/sys/class/mdev_bus/" + SAMPLE + "/mdev_supported_types/mtty-2/create", UUID.toUpperCase() + "\n");

        String mdev = device(SAMPLE) + "/" + UUID;
        assertThat(kernel.isDirectory(mdev)).isTrue();
        assertThat(kernel.readLink(mdev + "/mdev_type")).contains("../mdev_supported_types/mtty-2");
        assertThat(kernel.linkName(mdev + "/driver")).contains("mtty");
        assertThat(kernel.isDirectory("/sys/bus/mdev/drivers/mtty")).isTrue();
        assertThat(kernel.readLink("/sys/bus/mdev/devices/" + UUID)).contains("../../../devices/pci0000:00/" + SAMPLE + "/" + UUID);
        assertThat(kernel.list(type(SAMPLE, "mtty-2") + "/devices")).containsExactly(UUID);
        assertThat(kernel.readLink(type(SAMPLE, "mtty-2") + "/devices/" + UUID)).contains("../../../" + UUID);
        assertThat(kernel.linkName(mdev + "/iommu_group")).contains("8");
        assertThat(kernel.read("/sys/kernel/iommu_groups/8/name")).contains("vfio-noiommu");
        assertThat(kernel.list("/sys/kernel/iommu_groups/8/devices")).containsExactly(UUID);
        assertThat(kernel.exists("/dev/vfio/8")).isTrue();
        assertThat(kernel.exists(mdev + "/remove")).isTrue();
        assertThatThrownBy(() -> kernel.read(mdev + "/remove")).isInstanceOfSatisfying(VfioException.class,
                error -> assertThat(error.errno()).contains(Errno.EACCES));
    }

    @Test
    void theMdevDriverFollowsTheVendor()
    {
        kernel.write(type(P40, "nvidia-46") + "/create", UUID);
        kernel.write(type(IGPU, "i915-GVTg_V5_4") + "/create", UUID2);

        assertThat(kernel.readLink(device(P40) + "/" + UUID + "/driver")).contains("../../../../bus/mdev/drivers/nvidia-vgpu-vfio");
        assertThat(kernel.linkName(device(IGPU) + "/" + UUID2 + "/driver")).contains("intel_vgpu_mdev");
    }

    @Test
    void createTakesExactlyACanonicalUuidOf36Or37Bytes()
    {
        String create = type(SAMPLE, "mtty-1") + "/create";
        for (String value : List.of(UUID.substring(1), UUID + "\n\n", UUID.replace('-', '_'), UUID.replace('e', 'g'),
                "83b8f4f2509f-382f-3c1e-e6bfe0fa1001-", "", "{" + UUID + "}")) {
            assertRefused(kernel, create, value, Errno.EINVAL);
        }
        assertThat(available(SAMPLE, "mtty-1")).isEqualTo(24);
    }

    @Test
    void aUuidAnyMdevHasIsEexist()
    {
        kernel.write(type(SAMPLE, "mtty-1") + "/create", UUID);

        assertRefused(kernel, type(SAMPLE, "mtty-2") + "/create", UUID.toUpperCase(), Errno.EEXIST);
        assertRefused(kernel, type(P40, "nvidia-46") + "/create", UUID + "\n", Errno.EEXIST);
    }

    /** Real 6.1 (examples/testbed): mtty-2 takes 1 of its own 12 instances but 2 of mtty-1's 24 ports. */
    @Test
    void mttyTypesShareTheSamplesSerialPortsAndRunOutWithEnospc()
    {
        kernel.write(type(SAMPLE, "mtty-2") + "/create", UUID);
        assertThat(available(SAMPLE, "mtty-2")).isEqualTo(11);
        assertThat(available(SAMPLE, "mtty-1")).isEqualTo(22);

        for (int index = 0; index < 21; index++) {
            kernel.write(type(SAMPLE, "mtty-1") + "/create", "00000000-0000-0000-0000-0000000000%02d".formatted(index));
        }
        assertThat(available(SAMPLE, "mtty-1")).isEqualTo(1);
        assertThat(available(SAMPLE, "mtty-2")).isZero();
        assertRefused(kernel, type(SAMPLE, "mtty-2") + "/create", UUID2, Errno.ENOSPC);
        kernel.write(type(SAMPLE, "mtty-1") + "/create", UUID2);
        assertRefused(kernel, type(SAMPLE, "mtty-1") + "/create", "11111111-2222-3333-4444-555555555555", Errno.ENOSPC);

        kernel.write("/sys/bus/mdev/devices/" + UUID + "/remove", "1");
        assertThat(available(SAMPLE, "mtty-1")).isEqualTo(2);
        assertThat(available(SAMPLE, "mtty-2")).isEqualTo(1);
    }

    /** Real 6.1: mbochs types share the module's 256 MB of video memory; a create that does not fit is ENOSPC. */
    @Test
    void mbochsTypesShareTheVideoMemoryAndRunOutWithEnospc()
    {
        kernel.write(virtualType("mbochs", "mbochs-large") + "/create", UUID);
        assertThat(mbochsCounts()).containsExactly(48, 12, 3);

        kernel.write(virtualType("mbochs", "mbochs-small") + "/create", UUID2);
        assertThat(mbochsCounts()).containsExactly(47, 11, 2);

        for (int index = 0; index < 2; index++) {
            kernel.write(virtualType("mbochs", "mbochs-large") + "/create", "00000000-0000-0000-0000-00000000000" + index);
        }
        assertThat(mbochsCounts()).containsExactly(15, 3, 0);
        assertRefused(kernel, virtualType("mbochs", "mbochs-large") + "/create", "11111111-2222-3333-4444-555555555555", Errno.ENOSPC);

        kernel.write("/sys/bus/mdev/devices/" + UUID + "/remove", "1");
        kernel.write("/sys/bus/mdev/devices/" + UUID2 + "/remove", "1");
        assertThat(mbochsCounts()).containsExactly(32, 8, 2);
    }

    private static String virtualType(String virtualParent, String type)
    {
        return "/sys/class/mdev_bus/" + virtualParent + "/mdev_supported_types/" + type;
    }

    private List<Integer> mbochsCounts()
    {
        return List.of(Integer.parseInt(kernel.readRequired(virtualType("mbochs", "mbochs-small") + "/available_instances")),
                Integer.parseInt(kernel.readRequired(virtualType("mbochs", "mbochs-medium") + "/available_instances")),
                Integer.parseInt(kernel.readRequired(virtualType("mbochs", "mbochs-large") + "/available_instances")));
    }

    /** Real 6.1: mdpy has no get_available, so the mdev core counts 4 instances for the whole parent, whatever their type. */
    @Test
    void coreCountedTypesShareOneCounterPerParentAndRunOutWithEusers()
    {
        kernel.write(virtualType("mdpy", "mdpy-vga") + "/create", UUID);
        assertThat(kernel.read(virtualType("mdpy", "mdpy-hd") + "/available_instances")).contains("3");
        assertThat(kernel.read(virtualType("mdpy", "mdpy-vga") + "/available_instances")).contains("3");

        for (int index = 0; index < 3; index++) {
            kernel.write(virtualType("mdpy", "mdpy-xga") + "/create", "00000000-0000-0000-0000-00000000000" + index);
        }
        for (String name : List.of("mdpy-hd", "mdpy-vga", "mdpy-xga")) {
            assertThat(kernel.read(virtualType("mdpy", name) + "/available_instances")).as(name).contains("0");
        }
        assertRefused(kernel, virtualType("mdpy", "mdpy-hd") + "/create", UUID2, Errno.EUSERS);
    }

    @Test
    void aVirtualParentsMdevLivesUnderTheVirtualDevice()
    {
        kernel.write(virtualType("mbochs", "mbochs-medium") + "/create", UUID);

        assertThat(kernel.readLink("/sys/class/mdev_bus/mbochs")).contains("../../devices/virtual/mbochs/mbochs");
        assertThat(kernel.readLink("/sys/bus/mdev/devices/" + UUID)).contains("../../../devices/virtual/mbochs/mbochs/" + UUID);
        assertThat(kernel.readLink("/sys/devices/virtual/mbochs/mbochs/" + UUID + "/driver")).contains("../../../../../bus/mdev/drivers/mbochs");
        assertThat(kernel.readLink("/sys/devices/virtual/mbochs/mbochs/" + UUID + "/mdev_type")).contains("../mdev_supported_types/mbochs-medium");
    }

    /** Real 6.1: the emulated group of an mdev has a name, a type of "unknown" (no default domain) and no reserved regions. */
    @Test
    void anMdevsEmulatedGroupIsNamedWithAnUnknownTypeAndNoReservedRegions()
    {
        kernel.write(type(SAMPLE, "mtty-1") + "/create", UUID);

        String group = "/sys/bus/mdev/devices/" + UUID + "/iommu_group";
        assertThat(kernel.list(group)).containsExactly("devices", "name", "reserved_regions", "type");
        assertThat(kernel.read(group + "/name")).contains("vfio-noiommu");
        assertThat(kernel.read(group + "/type")).contains("unknown");
        assertThat(kernel.read(group + "/reserved_regions")).contains("");
    }

    @Test
    void removeWithZeroDoesNothingAndAnythingElseNotANumberIsEinval()
    {
        kernel.write(type(SAMPLE, "mtty-1") + "/create", UUID);
        String remove = "/sys/bus/mdev/devices/" + UUID + "/remove";

        kernel.write(remove, "0");
        assertRefused(kernel, remove, "yes", Errno.EINVAL);
        assertRefused(kernel, remove, "-1", Errno.EINVAL);

        assertThat(kernel.exists("/sys/bus/mdev/devices/" + UUID)).isTrue();
        assertThat(available(SAMPLE, "mtty-1")).isEqualTo(23);
    }

    @Test
    void removeTakesTheDeviceAndEveryLinkAwayAndRestoresTheCount()
    {
        SortedMap<String, String> before = kernel.snapshot();
        kernel.write(type(SAMPLE, "mtty-1") + "/create", UUID);

        kernel.write("/sys/bus/mdev/devices/" + UUID + "/remove", "1\n");

        assertThat(kernel.exists(device(SAMPLE) + "/" + UUID)).isFalse();
        assertThat(kernel.exists("/sys/bus/mdev/devices/" + UUID)).isFalse();
        assertThat(kernel.list(type(SAMPLE, "mtty-1") + "/devices")).isEmpty();
        assertThat(kernel.exists("/sys/kernel/iommu_groups/8")).isFalse();
        assertThat(kernel.exists("/dev/vfio")).isFalse();
        assertThat(available(SAMPLE, "mtty-1")).isEqualTo(24);
        assertThat(kernel.snapshot()).isEqualTo(before);
    }

    @Test
    void nvidiaTypesAreHomogeneousPerGpu()
    {
        kernel.write(type(P40, "nvidia-46") + "/create", UUID);
        assertThat(available(P40, "nvidia-46")).isEqualTo(11);
        assertThat(available(P40, "nvidia-47")).isZero();
        assertRefused(kernel, type(P40, "nvidia-47") + "/create", UUID2, Errno.ENOSPC);

        kernel.write(type(P40, "nvidia-46") + "/create", UUID2);
        assertThat(available(P40, "nvidia-46")).isEqualTo(10);
        kernel.write(device(P40) + "/" + UUID + "/remove", "1");
        assertThat(available(P40, "nvidia-47")).as("still one 2Q on the GPU").isZero();

        kernel.write(device(P40) + "/" + UUID2 + "/remove", "1");
        assertThat(available(P40, "nvidia-46")).isEqualTo(12);
        assertThat(available(P40, "nvidia-47")).isEqualTo(6);
    }

    @Test
    void nvidiaTypesAreHomogeneousAcrossTheVfsOfOneGpu()
    {
        // An A10 with mdev-on-VF (sysfs-spec §5.2): one vGPU per VF, one type per physical GPU.
        SimulatedHost host = SimulatedHost.create(root.resolve("a10"), "intel_iommu=on");
        PciAddress pf = PciAddress.parse("0000:41:00.0");
        host.add(SimulatedHost.function(pf.toString()).ids(0x10de, 0x2236).classCode(0x030200).driver("nvidia").iommuGroup(40).sriov(24, 4, 1, 0x2236));
        List<PciAddress> vfs = host.enableVfs(pf, 3, vf -> vf.driver("nvidia"));
        for (PciAddress vf : vfs) {
            host.mdevType(vf, "nvidia-588", "NVIDIA A10-4Q", "num_heads=4, frl_config=60, framebuffer=4096M, max_resolution=7680x4320, max_instance=6", 1);
            host.mdevType(vf, "nvidia-589", "NVIDIA A10-6Q", "num_heads=4, frl_config=60, framebuffer=6144M, max_resolution=7680x4320, max_instance=4", 1);
        }
        FakeKernel a10 = FakeKernel.on(host);
        SortedMap<String, String> before = a10.snapshot();
        String first = vfs.get(0).toString();
        String second = vfs.get(1).toString();

        a10.write(device(first) + "/mdev_supported_types/nvidia-588/create", UUID);

        assertThat(a10.readRequired(device(first) + "/mdev_supported_types/nvidia-588/available_instances")).isEqualTo("0");
        assertThat(a10.readRequired(device(second) + "/mdev_supported_types/nvidia-588/available_instances")).isEqualTo("1");
        assertThat(a10.readRequired(device(second) + "/mdev_supported_types/nvidia-589/available_instances")).as("another type on a sibling VF").isEqualTo("0");
        assertRefused(a10, device(second) + "/mdev_supported_types/nvidia-589/create", UUID2, Errno.ENOSPC);

        a10.write(device(first) + "/" + UUID + "/remove", "1");

        assertThat(a10.snapshot()).as("every VF's counts back").isEqualTo(before);
    }

    @Test
    void anNvidiaTypeRunsOutWithEnospc()
    {
        for (int index = 0; index < 6; index++) {
            kernel.write(type(P40, "nvidia-47") + "/create", "00000000-0000-0000-0000-00000000000" + index);
        }
        assertThat(available(P40, "nvidia-47")).isZero();
        assertRefused(kernel, type(P40, "nvidia-47") + "/create", UUID, Errno.ENOSPC);
    }

    @Test
    void aKernelStartedOverExistingNvidiaInstancesRestoresTheOtherTypesFromMaxInstance()
    {
        kernel.write(type(P40, "nvidia-46") + "/create", UUID);
        FakeKernel later = FakeKernel.on(root);

        later.write(device(P40) + "/" + UUID + "/remove", "1");

        assertThat(later.read(type(P40, "nvidia-46") + "/available_instances")).contains("12");
        assertThat(later.read(type(P40, "nvidia-47") + "/available_instances")).contains("6");
    }

    @Test
    void gvtTypesShareTheGpusGraphicsMemoryAndFences()
    {
        kernel.write(type(IGPU, "i915-GVTg_V5_4") + "/create", UUID);
        assertThat(gvtCounts()).containsExactly(5, 2, 1, 0);

        kernel.write(type(IGPU, "i915-GVTg_V5_2") + "/create", UUID2);
        assertThat(gvtCounts()).containsExactly(1, 0, 0, 0);
        assertRefused(kernel, type(IGPU, "i915-GVTg_V5_4") + "/create", "11111111-2222-3333-4444-555555555555", Errno.ENOSPC);
        assertRefused(kernel, type(IGPU, "i915-GVTg_V5_1") + "/create", "11111111-2222-3333-4444-555555555555", Errno.ENOSPC);

        kernel.write(device(IGPU) + "/" + UUID2 + "/remove", "1");
        assertThat(gvtCounts()).containsExactly(5, 2, 1, 0);
        kernel.write(device(IGPU) + "/" + UUID + "/remove", "1");
        assertThat(gvtCounts()).containsExactly(7, 3, 1, 0);
    }

    private List<Integer> gvtCounts()
    {
        return List.of(available(IGPU, "i915-GVTg_V5_8"), available(IGPU, "i915-GVTg_V5_4"),
                available(IGPU, "i915-GVTg_V5_2"), available(IGPU, "i915-GVTg_V5_1"));
    }

    @Test
    void mdevTypeAttributesAreReadOnlyAndCreateIsWriteOnly()
    {
        for (String name : List.of("available_instances", "name", "description", "device_api")) {
            assertRefused(kernel, type(P40, "nvidia-46") + "/" + name, "1", Errno.EACCES);
        }
        assertThatThrownBy(() -> kernel.read(type(P40, "nvidia-46") + "/create")).isInstanceOfSatisfying(VfioException.class,
                error -> assertThat(error.errno()).contains(Errno.EACCES));
    }

    @Test
    void removingTheParentTakesItsMdevsWithIt()
    {
        kernel.write(type(SAMPLE, "mtty-1") + "/create", UUID);

        kernel.write(device(SAMPLE) + "/remove", "1");

        assertThat(kernel.exists("/sys/bus/mdev/devices/" + UUID)).isFalse();
        assertThat(kernel.exists("/sys/class/mdev_bus/" + SAMPLE)).isFalse();
        assertThat(kernel.exists("/dev/vfio/8")).isFalse();
        assertThat(kernel.list("/sys/kernel/iommu_groups")).containsExactly("0", "5");
    }
}
