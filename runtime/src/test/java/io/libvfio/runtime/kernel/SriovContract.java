package io.libvfio.runtime.kernel;

import io.libvfio.api.Errno;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.libvfio.runtime.kernel.GuestLikeHost.NVME_PF;
import static io.libvfio.runtime.kernel.GuestSysfs.device;
import static io.libvfio.runtime.kernel.GuestSysfs.driverFile;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code sriov_numvfs} on QEMU's NVMe PF: up, down, a change only through 0, with autoprobe off. */
abstract class SriovContract
        extends KernelContract
{
    private static final String NUMVFS = device(NVME_PF) + "/sriov_numvfs";
    private static final String AUTOPROBE = device(NVME_PF) + "/sriov_drivers_autoprobe";

    @Test
    void upDownAndAChangeOnlyThroughZero()
    {
        sysfs.write(AUTOPROBE, "0");
        assertThat(sysfs.read(AUTOPROBE)).isEqualTo("0");

        sysfs.write(NUMVFS, "2");
        List<String> two = sysfs.virtfns(NVME_PF);
        assertThat(two).containsExactly("0000:01:00.1", "0000:01:00.2");
        assertThat(two).allSatisfy(vf -> assertThat(sysfs.driver(vf)).as("%s with autoprobe off", vf).isEmpty());
        List<Integer> groups = two.stream().map(vf -> sysfs.group(vf).getAsInt()).toList();

        sysfs.assertRefused(NUMVFS, "3", Errno.EBUSY);
        sysfs.assertRefused(NUMVFS, "1", Errno.EBUSY);
        assertThat(sysfs.virtfns(NVME_PF)).isEqualTo(two);
        sysfs.write(NUMVFS, "2");
        assertThat(sysfs.read(NUMVFS)).as("the same count is a no-op").isEqualTo("2");

        sysfs.write(NUMVFS, "0");
        assertThat(sysfs.virtfns(NVME_PF)).isEmpty();
        assertThat(sysfs.read(NUMVFS)).isEqualTo("0");
        assertThat(two).allSatisfy(vf -> assertThat(sysfs.fs().exists(device(vf))).as(vf).isFalse());
        assertThat(groups).allSatisfy(group -> assertThat(sysfs.fs().exists("/sys/kernel/iommu_groups/" + group)).isFalse());

        sysfs.write(NUMVFS, "3\n");
        assertThat(sysfs.virtfns(NVME_PF)).containsExactly("0000:01:00.1", "0000:01:00.2", "0000:01:00.3");
        assertThat(sysfs.driver(NVME_PF)).contains("nvme");
    }

    @Test
    void aCountAboveTotalVfsIsErangeAndNotAU16IsEinval()
    {
        assertThat(sysfs.read(device(NVME_PF) + "/sriov_totalvfs")).isEqualTo("4");
        sysfs.assertRefused(NUMVFS, "5", Errno.ERANGE);
        sysfs.assertRefused(NUMVFS, "abc", Errno.EINVAL);
        sysfs.assertRefused(NUMVFS, "-1", Errno.EINVAL);
        sysfs.assertRefused(NUMVFS, "65536", Errno.EINVAL);
        sysfs.assertRefused(AUTOPROBE, "2", Errno.EINVAL);
        assertThat(sysfs.virtfns(NVME_PF)).isEmpty();
    }

    /** nvme leaves SR-IOV on when unbound; without a driver the count cannot change (ENOENT). */
    @Test
    void withoutItsDriverThePfKeepsItsVfsAndCannotChangeThem()
    {
        List<String> vfs = sysfs.enableVfs(NVME_PF, 2);

        sysfs.write(driverFile("nvme", "unbind"), NVME_PF);

        assertThat(sysfs.driver(NVME_PF)).isEmpty();
        assertThat(sysfs.virtfns(NVME_PF)).isEqualTo(vfs);
        assertThat(sysfs.read(NUMVFS)).isEqualTo("2");
        sysfs.assertRefused(NUMVFS, "0", Errno.ENOENT);
        sysfs.write(NUMVFS, "2");

        sysfs.write(GuestSysfs.PROBE, NVME_PF);
        assertThat(sysfs.driver(NVME_PF)).contains("nvme");
        sysfs.write(NUMVFS, "0");
        assertThat(sysfs.virtfns(NVME_PF)).isEmpty();
    }
}
