package io.libvfio.testkit;

import io.libvfio.api.Errno;
import io.libvfio.api.PciAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.libvfio.testkit.KernelAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/** Intel SR-IOV provisioning on the fake kernel (sysfs-spec §4): quota pools, their errnos, auto-provisioning, xe's VRAM release. */
final class FakeKernelIovTest
{
    private static final PciAddress FLEX = PciAddress.parse("0000:4d:00.0");
    private static final PciAddress BMG = PciAddress.parse("0000:03:00.0");
    private static final String DEVICE = "/sys/bus/pci/devices/0000:4d:00.0";
    private static final String IOV = DEVICE + "/drm/card1/prelim_iov";
    private static final String ADMIN = "/sys/bus/pci/devices/0000:03:00.0/sriov_admin";

    @TempDir
    Path root;

    private FakeKernel flex()
    {
        SimulatedHost host = SimulatedHost.create(root, "intel_iommu=on");
        host.add(SimulatedHost.function(FLEX.toString()).ids(0x8086, 0x56c0).classCode(0x038000).driver("i915").iommuGroup(60).sriov(4, 1, 1, 0x56c0));
        IntelPrelimIov.write(host, FLEX, host.drmCard(FLEX, 1), "gt", 4,
                new IntelPrelimIov.GtResources(4_096_000_000L, 8_000_000_000L, 1024, 64, 0, 0, 0, 0));
        return FakeKernel.on(host);
    }

    @Test
    void aQuotaTakesFromThePoolAndGivesBackWhenLowered()
    {
        FakeKernel kernel = flex();

        kernel.write(IOV + "/vf1/gt/lmem_quota", "2000000000");
        kernel.write(IOV + "/vf1/gt/contexts_quota", "256");

        assertThat(kernel.read(IOV + "/pf/gt/available/lmem_free")).contains("6000000000");
        assertThat(kernel.read(IOV + "/pf/gt/available/lmem_max_quota")).contains("6000000000");
        assertThat(kernel.read(IOV + "/pf/gt/available/contexts_free")).contains("768");
        assertThat(kernel.read(IOV + "/pf/auto_provisioning")).as("a manual quota turns auto-provisioning off").contains("0");

        kernel.write(IOV + "/vf1/gt/lmem_quota", "0");

        assertThat(kernel.read(IOV + "/pf/gt/available/lmem_free")).contains("8000000000");
    }

    @Test
    void moreThanThePoolIsEdquotForMemoryAndEnospcForIds()
    {
        FakeKernel kernel = flex();
        kernel.write(IOV + "/vf1/gt/ggtt_quota", "4000000000");

        assertRefused(kernel, IOV + "/vf2/gt/ggtt_quota", "200000000", Errno.EDQUOT);
        assertRefused(kernel, IOV + "/vf2/gt/lmem_quota", "8000000001", Errno.EDQUOT);
        assertRefused(kernel, IOV + "/vf2/gt/doorbells_quota", "65", Errno.ENOSPC);
        assertRefused(kernel, IOV + "/vf2/gt/contexts_quota", "65536", Errno.ERANGE);
        assertRefused(kernel, IOV + "/vf2/gt/contexts_quota", "many", Errno.EINVAL);
        assertThat(kernel.read(IOV + "/vf2/gt/ggtt_quota")).contains("0");
        assertThat(kernel.read(IOV + "/pf/gt/available/ggtt_free")).contains("96000000");
    }

    @Test
    void autoProvisioningComesBackOnlyWhenNoVfHoldsAQuota()
    {
        FakeKernel kernel = flex();
        kernel.write(IOV + "/vf3/gt/doorbells_quota", "16");

        assertRefused(kernel, IOV + "/pf/auto_provisioning", "1", Errno.ESTALE);

        kernel.write(IOV + "/vf3/gt/doorbells_quota", "0");
        kernel.write(IOV + "/pf/auto_provisioning", "1");
        assertThat(kernel.read(IOV + "/pf/auto_provisioning")).contains("1");
    }

    @Test
    void theVfCountChangesOnlyThroughZero()
    {
        FakeKernel kernel = flex();
        kernel.write(DEVICE + "/sriov_drivers_autoprobe", "0");
        kernel.write(DEVICE + "/sriov_numvfs", "2");

        assertRefused(kernel, DEVICE + "/sriov_numvfs", "4", Errno.EBUSY);

        kernel.write(DEVICE + "/sriov_numvfs", "0");
        kernel.write(DEVICE + "/sriov_numvfs", "4");
        assertThat(kernel.read(DEVICE + "/sriov_numvfs")).contains("4");
    }

    @Test
    void xeReleasesVramQuotasWhenItsVfsAreDisabled()
    {
        SimulatedHost host = SimulatedHost.create(root, "intel_iommu=on");
        host.add(SimulatedHost.function(BMG.toString()).ids(0x8086, 0xe20b).classCode(0x030000).driver("xe").iommuGroup(20).sriov(2, 4, 1, 0xe20b));
        XeSriovAdmin.write(host, BMG, 2, true);
        FakeKernel kernel = FakeKernel.on(host);
        kernel.write(ADMIN + "/vf1/profile/vram_quota", "4294967296");
        kernel.write("/sys/bus/pci/devices/0000:03:00.0/sriov_drivers_autoprobe", "0");
        kernel.write("/sys/bus/pci/devices/0000:03:00.0/sriov_numvfs", "2");
        assertRefused(kernel, ADMIN + "/vf1/profile/exec_quantum_ms", "4294967296", Errno.ERANGE);

        kernel.write("/sys/bus/pci/devices/0000:03:00.0/sriov_numvfs", "0");

        assertThat(kernel.read(ADMIN + "/vf1/profile/vram_quota")).contains("0");
    }
}
