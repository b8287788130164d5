package io.libvfio.runtime.kernel;

import io.libvfio.api.Errno;
import io.libvfio.api.ErrorCode;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.libvfio.runtime.kernel.GuestLikeHost.NVME_PF;
import static io.libvfio.runtime.kernel.GuestSysfs.PROBE;
import static io.libvfio.runtime.kernel.GuestSysfs.device;
import static io.libvfio.runtime.kernel.GuestSysfs.driverFile;
import static io.libvfio.runtime.kernel.GuestSysfs.mdevType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The host access itself: file modes enforced for root, how refused reads and writes are reported, plain attribute stores. */
abstract class HostFsContract
        extends KernelContract
{
    @Test
    void readOnlyAttributesAreEaccesToWriteAndWriteOnlyOnesToRead()
    {
        for (String attribute : List.of("vendor", "class", "sriov_totalvfs", "sriov_vf_device")) {
            sysfs.assertRefused(device(NVME_PF) + "/" + attribute, "1", Errno.EACCES);
        }
        sysfs.assertRefused(mdevType("mbochs", "mbochs-small") + "/available_instances", "1", Errno.EACCES);
        assertThatThrownBy(() -> sysfs.write(device(NVME_PF) + "/vendor", "1"))
                .isInstanceOfSatisfying(VfioException.class, error -> assertThat(error.errorCode()).isEqualTo(StandardErrorCode.ACCESS_DENIED));
        for (String path : List.of(PROBE, driverFile("vfio-pci", "bind"), mdevType("mbochs", "mbochs-small") + "/create", device(NVME_PF) + "/remove")) {
            assertRefusedRead(path, StandardErrorCode.ACCESS_DENIED, Errno.EACCES);
        }
    }

    @Test
    void aDirectoryCannotBeReadAsAnAttribute()
    {
        assertRefusedRead(device(NVME_PF) + "/iommu_group", StandardErrorCode.ATTRIBUTE_UNREADABLE, Errno.EISDIR);
        assertThat(sysfs.fs().read(device(NVME_PF) + "/no_such_attribute")).isEmpty();
        sysfs.assertRefused(device(NVME_PF) + "/no_such_attribute", "1", Errno.ENOENT);
    }

    private void assertRefusedRead(String path, ErrorCode code, Errno errno)
    {
        assertThatThrownBy(() -> sysfs.fs().read(path)).as(path).isInstanceOfSatisfying(VfioException.class, error -> {
            assertThat(error.errorCode()).isEqualTo(code);
            assertThat(error.errno()).contains(errno);
            assertThat(error.getMessage()).contains(path);
        });
    }

    @Test
    void enableIsEbusyWhileADriverIsBound()
    {
        assertThat(sysfs.read(device(NVME_PF) + "/enable")).isEqualTo("1");
        sysfs.assertRefused(device(NVME_PF) + "/enable", "0", Errno.EBUSY);
        sysfs.assertRefused(device(NVME_PF) + "/enable", "x", Errno.EINVAL);
    }

    @Test
    void driverOverrideIsStoredUpToTheNewlineAndClearedByANewline()
    {
        String vf = sysfs.enableVfs(NVME_PF, 1).get(0);
        String override = device(vf) + "/driver_override";
        assertThat(sysfs.read(override)).isEqualTo("(null)");

        sysfs.write(override, "none\n");
        assertThat(sysfs.read(override)).isEqualTo("none");
        sysfs.write(PROBE, vf);
        assertThat(sysfs.driver(vf)).as("an override naming no driver keeps the device unbound").isEmpty();

        sysfs.write(override, "\n");
        assertThat(sysfs.read(override)).isEqualTo("(null)");
    }

    @Test
    void anMdevRemoveTakesANumber()
    {
        String uuid = sysfs.createMdev("mtty", "mtty-1");

        sysfs.assertRefused(GuestSysfs.MDEV_DEVICES + "/" + uuid + "/remove", "yes", Errno.EINVAL);
        assertThat(sysfs.fs().exists(GuestSysfs.MDEV_DEVICES + "/" + uuid)).isTrue();
        sysfs.assertRefused(GuestSysfs.MDEV_DEVICES + "/" + UUID.randomUUID() + "/remove", "1", Errno.ENOENT);
    }

    /**
     * new_id binds every unbound device it matches at once, except VFs that may not be probed:
     * with their PF's sriov_drivers_autoprobe at 0 and no driver_override, every probe of them
     * fails (bind with ENODEV); remove_id only forgets the id.
     */
    @Test
    void newIdBindsTheMatchingDevicesThatMayBeProbedAndRemoveIdBindsNothing()
    {
        List<String> vfs = sysfs.enableVfs(NVME_PF, 2);
        try {
            sysfs.write(driverFile("vfio-pci", "new_id"), "1b36 0010");

            assertThat(vfs).allSatisfy(vf -> assertThat(sysfs.driver(vf)).as(vf).isEmpty());
            assertThat(sysfs.driver(NVME_PF)).as("a bound device is left alone").contains("nvme");
            sysfs.assertRefused(driverFile("vfio-pci", "bind"), vfs.get(0), Errno.ENODEV);
            sysfs.assertRefused(driverFile("vfio-pci", "new_id"), "1b36 0010", Errno.EEXIST);
            sysfs.assertRefused(driverFile("vfio-pci", "new_id"), "1b36", Errno.EINVAL);

            sysfs.write(device(NVME_PF) + "/sriov_drivers_autoprobe", "1");
            sysfs.write(driverFile("vfio-pci", "bind"), vfs.get(0));
            assertThat(sysfs.driver(vfs.get(0))).as("matched through the new id").contains("vfio-pci");
        }
        finally {
            sysfs.write(driverFile("vfio-pci", "remove_id"), "1b36 0010");
        }
        assertThat(sysfs.driver(vfs.get(0))).contains("vfio-pci");
        sysfs.assertRefused(driverFile("vfio-pci", "remove_id"), "1b36 0010", Errno.ENODEV);
    }
}
