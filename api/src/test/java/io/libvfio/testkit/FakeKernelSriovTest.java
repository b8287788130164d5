package io.libvfio.testkit;

import io.libvfio.api.Errno;
import io.libvfio.api.PciAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.libvfio.testkit.KernelAssertions.assertRefused;
import static io.libvfio.testkit.TestHosts.INTEL_PF;
import static io.libvfio.testkit.TestHosts.NVIDIA_PF;
import static io.libvfio.testkit.TestHosts.device;
import static org.assertj.core.api.Assertions.assertThat;

final class FakeKernelSriovTest
{
    private static final String NUMVFS = device(NVIDIA_PF) + "/sriov_numvfs";
    private static final String AUTOPROBE = device(NVIDIA_PF) + "/sriov_drivers_autoprobe";

    @TempDir
    Path root;

    private FakeKernel kernel;

    @BeforeEach
    void setUp()
    {
        kernel = FakeKernel.on(TestHosts.sriov(root));
    }

    @Test
    void enablingCreatesVfsWithLinksGroupsAndIds()
    {
        kernel.write(NUMVFS, "2\n");

        assertThat(kernel.read(NUMVFS)).contains("2");
        assertThat(kernel.linkName(device(NVIDIA_PF) + "/virtfn0")).contains("0000:41:00.4");
        assertThat(kernel.linkName(device(NVIDIA_PF) + "/virtfn1")).contains("0000:41:00.5");
        assertThat(kernel.linkName(device("0000:41:00.5") + "/physfn")).contains(NVIDIA_PF);
        assertThat(kernel.read(device("0000:41:00.4") + "/device")).contains("0x26b9");
        assertThat(kernel.read(device("0000:41:00.4") + "/vendor")).contains("0x10de");
        assertThat(kernel.linkName(device("0000:41:00.4") + "/iommu_group")).contains("21");
        assertThat(kernel.linkName(device("0000:41:00.5") + "/iommu_group")).contains("22");
        assertThat(kernel.list("/sys/kernel/iommu_groups/21/devices")).containsExactly("0000:41:00.4");
        assertThat(kernel.exists(device("0000:41:00.4") + "/sriov_numvfs")).as("VFs are not PFs").isFalse();
    }

    @Test
    void autoprobedVfsBindToThePfDriverByDefault()
    {
        kernel.write(NUMVFS, "2");

        assertThat(kernel.linkName(device("0000:41:00.4") + "/driver")).contains("nvidia");
        assertThat(kernel.list("/sys/bus/pci/drivers/nvidia")).contains(NVIDIA_PF, "0000:41:00.4", "0000:41:00.5");
    }

    @Test
    void autoprobedVfsBindToTheConfiguredVfDriver()
    {
        kernel.vfDriver("i915", "vfio-pci");

        kernel.write(device(INTEL_PF) + "/sriov_numvfs", "3");

        assertThat(kernel.linkName(device("0000:03:00.1") + "/driver")).contains("vfio-pci");
        assertThat(kernel.read(device("0000:03:00.3") + "/device")).contains("0x56c1");
        assertThat(kernel.list("/dev/vfio")).containsExactly("21", "22", "23");
        assertThat(kernel.linkName(device(INTEL_PF) + "/driver")).contains("i915");
    }

    @Test
    void withoutAutoprobeVfsStayUnboundUntilProbed()
    {
        kernel.write(AUTOPROBE, "0");
        kernel.write(NUMVFS, "1");

        assertThat(kernel.exists(device("0000:41:00.4") + "/driver")).isFalse();

        kernel.write(device("0000:41:00.4") + "/driver_override", "vfio-pci");
        kernel.write("/sys/bus/pci/drivers/vfio-pci/bind", "0000:41:00.4");
        assertThat(kernel.linkName(device("0000:41:00.4") + "/driver")).contains("vfio-pci");
        assertThat(kernel.exists("/dev/vfio/21")).isTrue();
    }

    /** Real 6.1 (examples/testbed): pci_device_can_probe() reads the PF's autoprobe at probe time, for every way of probing. */
    @Test
    void withAutoprobeOffAVfIsProbedOnlyWithAnOverride()
    {
        kernel.write(AUTOPROBE, "0");
        kernel.write(NUMVFS, "2");

        kernel.write("/sys/bus/pci/drivers_probe", "0000:41:00.4");
        assertThat(kernel.exists(device("0000:41:00.4") + "/driver")).isFalse();
        assertRefused(kernel, "/sys/bus/pci/drivers/nvidia/bind", "0000:41:00.4", Errno.ENODEV);
        kernel.write("/sys/bus/pci/drivers/vfio-pci/new_id", "10de 26b9");
        assertThat(kernel.exists(device("0000:41:00.4") + "/driver")).as("new_id binds no VF that may not probe").isFalse();
        assertThat(kernel.linkName(device(NVIDIA_PF) + "/driver")).contains("nvidia");

        kernel.write(AUTOPROBE, "1");
        kernel.write("/sys/bus/pci/drivers/vfio-pci/bind", "0000:41:00.4");
        assertThat(kernel.linkName(device("0000:41:00.4") + "/driver")).contains("vfio-pci");
        kernel.write(AUTOPROBE, "0");
        kernel.write(device("0000:41:00.5") + "/driver_override", "vfio-pci");
        kernel.write("/sys/bus/pci/drivers_probe", "0000:41:00.5");
        assertThat(kernel.linkName(device("0000:41:00.5") + "/driver")).contains("vfio-pci");
    }

    @Test
    void aVfDriverOfNoneLeavesAutoprobedVfsUnbound()
    {
        kernel.vfDriver("nvidia", null);
        kernel.write(NUMVFS, "1");
        assertThat(kernel.exists(device("0000:41:00.4") + "/driver")).isFalse();
    }

    @Test
    void autoprobeIsKstrtobool()
    {
        for (String value : List.of("n", "off", "N\n", "0")) {
            kernel.write(AUTOPROBE, "1");
            kernel.write(AUTOPROBE, value);
            assertThat(kernel.read(AUTOPROBE)).as(value).contains("0");
        }
        for (String value : List.of("y", "on", "Yes", "1\n")) {
            kernel.write(AUTOPROBE, "0");
            kernel.write(AUTOPROBE, value);
            assertThat(kernel.read(AUTOPROBE)).as(value).contains("1");
        }
        assertRefused(kernel, AUTOPROBE, "2", Errno.EINVAL);
        assertRefused(kernel, AUTOPROBE, "o", Errno.EINVAL);
        assertRefused(kernel, AUTOPROBE, "", Errno.EINVAL);
    }

    /** Real 6.1 (examples/testbed): sriov_numvfs_store returns -EINVAL for any kstrtou16 failure, 65536 included. */
    @Test
    void aValueThatIsNotAU16IsEinval()
    {
        assertRefused(kernel, NUMVFS, "two", Errno.EINVAL);
        assertRefused(kernel, NUMVFS, "-1", Errno.EINVAL);
        assertRefused(kernel, NUMVFS, " 1", Errno.EINVAL);
        assertRefused(kernel, NUMVFS, "", Errno.EINVAL);
        assertRefused(kernel, NUMVFS, "65536", Errno.EINVAL);
        assertRefused(kernel, NUMVFS, "99999999999999999999", Errno.EINVAL);
    }

    /** Real 6.1: group ids come from an IDA, so new VFs take the lowest free ids, freed ones included. */
    @Test
    void newVfsTakeTheLowestFreeGroupIds()
    {
        kernel.write(NUMVFS, "2");
        kernel.write(device(INTEL_PF) + "/sriov_numvfs", "1");
        assertThat(kernel.linkName(device("0000:03:00.1") + "/iommu_group")).contains("23");

        kernel.write(NUMVFS, "0");
        kernel.write(NUMVFS, "3");

        assertThat(kernel.linkName(device("0000:41:00.4") + "/iommu_group")).contains("21");
        assertThat(kernel.linkName(device("0000:41:00.5") + "/iommu_group")).contains("22");
        assertThat(kernel.linkName(device("0000:41:00.6") + "/iommu_group")).contains("24");
    }

    @Test
    void moreThanTotalVfsIsErange()
    {
        assertRefused(kernel, NUMVFS, "17", Errno.ERANGE);
        kernel.write(NUMVFS, "0x10");
        assertThat(kernel.list(device(NVIDIA_PF))).filteredOn(name -> name.startsWith("virtfn")).hasSize(16);
    }

    @Test
    void theCurrentCountIsANoOpEvenWithoutADriver()
    {
        kernel.write("/sys/bus/pci/drivers/nvidia/unbind", NVIDIA_PF);
        Object before = kernel.snapshot();
        kernel.write(NUMVFS, "0");
        assertThat(kernel.snapshot()).isEqualTo(before);
    }

    @Test
    void aPfWithoutDriverIsEnoent()
    {
        kernel.write("/sys/bus/pci/drivers/nvidia/unbind", NVIDIA_PF);
        assertRefused(kernel, NUMVFS, "1", Errno.ENOENT);
    }

    @Test
    void aPfDriverWithoutSriovConfigureIsEnoent()
    {
        kernel.write("/sys/bus/pci/drivers/nvidia/unbind", NVIDIA_PF);
        kernel.write(device(NVIDIA_PF) + "/driver_override", "vfio-pci");
        kernel.write("/sys/bus/pci/drivers/vfio-pci/bind", NVIDIA_PF);
        assertRefused(kernel, NUMVFS, "1", Errno.ENOENT);

        kernel.withoutSriovConfigure("i915");
        assertRefused(kernel, device(INTEL_PF) + "/sriov_numvfs", "1", Errno.ENOENT);
    }

    @Test
    void theGimDriverHasNoSriovConfigure()
    {
        kernel.host().add(SimulatedHost.function("0000:0c:00.0").ids(0x1002, 0x74a1).classCode(0x038000).sriov(8, 16, 1, 0x74b5).driver("gim"));
        assertRefused(kernel, device("0000:0c:00.0") + "/sriov_numvfs", "1", Errno.ENOENT);
    }

    @Test
    void aDifferentNonZeroCountWhileEnabledIsEbusy()
    {
        kernel.write(NUMVFS, "2");
        assertRefused(kernel, NUMVFS, "3", Errno.EBUSY);
        kernel.write(NUMVFS, "2");
        assertThat(kernel.read(NUMVFS)).contains("2");
    }

    @Test
    void zeroRemovesEveryVfWithItsDriverLinksAndGroups()
    {
        Object before = kernel.snapshot();
        kernel.vfDriver("nvidia", "vfio-pci");
        kernel.write(NUMVFS, "3");
        assertThat(kernel.list("/dev/vfio")).hasSize(3);

        kernel.write(NUMVFS, "0");

        assertThat(kernel.exists(device("0000:41:00.4"))).isFalse();
        assertThat(kernel.list("/sys/bus/pci/drivers/vfio-pci")).doesNotContain("0000:41:00.4");
        assertThat(kernel.list("/sys/kernel/iommu_groups")).containsExactly("10", "20");
        assertThat(kernel.exists("/dev/vfio")).isFalse();
        assertThat(kernel.snapshot()).isEqualTo(before);
    }

    @Test
    void vfioRefusesAPfWithVfsEnabled()
    {
        kernel.write(NUMVFS, "1");
        kernel.write(device(NVIDIA_PF) + "/driver_override", "vfio-pci");
        kernel.write("/sys/bus/pci/drivers/nvidia/unbind", NVIDIA_PF);
        assertThat(kernel.exists(device("0000:41:00.4"))).as("unbinding the PF driver tore the VFs down").isFalse();
        assertThat(kernel.read(NUMVFS)).contains("0");

        kernel.host().enableVfs(PciAddress.parse(NVIDIA_PF), 1, spec -> { });
        assertRefused(kernel, "/sys/bus/pci/drivers/vfio-pci/bind", NVIDIA_PF, Errno.EBUSY);
    }

    /** Real 6.1 (examples/testbed): nvme's remove() leaves SR-IOV on; without a driver the VFs cannot be disabled (ENOENT). */
    @Test
    void unbindingNvmeLeavesItsVfs()
    {
        kernel.host().add(SimulatedHost.function("0000:01:00.0").ids(0x1b36, 0x0010).classCode(0x010802).sriov(4, 1, 1, 0x0010)
                .driver("nvme").iommuGroup(30));
        kernel.vfDriver("nvme", null);
        kernel.write(device("0000:01:00.0") + "/sriov_numvfs", "2");

        kernel.write("/sys/bus/pci/drivers/nvme/unbind", "0000:01:00.0");

        assertThat(kernel.list(device("0000:01:00.0"))).contains("virtfn0", "virtfn1");
        assertThat(kernel.read(device("0000:01:00.0") + "/sriov_numvfs")).contains("2");
        assertRefused(kernel, device("0000:01:00.0") + "/sriov_numvfs", "0", Errno.ENOENT);
        kernel.write(device("0000:01:00.0") + "/driver_override", "vfio-pci");
        assertRefused(kernel, "/sys/bus/pci/drivers/vfio-pci/bind", "0000:01:00.0", Errno.EBUSY);
    }

    @Test
    void anotherDriverCanBeMadeToLeaveItsVfs()
    {
        kernel.leavesVfsOnUnbind("nvidia");
        kernel.write(NUMVFS, "1");

        kernel.write("/sys/bus/pci/drivers/nvidia/unbind", NVIDIA_PF);

        assertThat(kernel.exists(device("0000:41:00.4"))).isTrue();
    }

    @Test
    void aVfTemplateShapesNewVfs()
    {
        kernel.vfTemplate(NVIDIA_PF, spec -> spec.attribute("nvidia/current_vgpu_type", "0"));

        kernel.write(NUMVFS, "1");

        assertThat(kernel.read(device("0000:41:00.4") + "/nvidia/current_vgpu_type")).contains("0");
        assertThat(kernel.exists("/dev/vfio/21")).as("an NVIDIA vendor-VFIO VF is a VFIO device").isTrue();
    }
}
