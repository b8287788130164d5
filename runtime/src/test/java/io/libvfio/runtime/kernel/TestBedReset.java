package io.libvfio.runtime.kernel;

import java.util.Optional;

import static io.libvfio.runtime.kernel.GuestLikeHost.NVME_PF;
import static io.libvfio.runtime.kernel.GuestLikeHost.SATA;
import static io.libvfio.runtime.kernel.GuestLikeHost.SMBUS;
import static io.libvfio.runtime.kernel.GuestSysfs.device;
import static io.libvfio.runtime.kernel.GuestSysfs.driverFile;

/**
 * Puts the guest back the way it booted, before and after every contract test (the real-kernel
 * tests share one boot): no mdevs, no VFs, autoprobe on, no overrides, every device on its driver.
 */
final class TestBedReset
{
    private final GuestSysfs sysfs;

    TestBedReset(GuestSysfs sysfs)
    {
        this.sysfs = sysfs;
    }

    void run()
    {
        for (String uuid : sysfs.fs().list(GuestSysfs.MDEV_DEVICES)) {
            sysfs.removeMdev(uuid);
        }
        for (String vf : sysfs.virtfns(NVME_PF)) {
            restore(vf, Optional.empty());
        }
        restore(NVME_PF, Optional.of("nvme"));
        restore(SATA, Optional.of("ahci"));
        restore(SMBUS, Optional.empty());
        if (!sysfs.read(device(NVME_PF) + "/sriov_numvfs").equals("0")) {
            sysfs.write(device(NVME_PF) + "/sriov_numvfs", "0");
        }
        sysfs.write(device(NVME_PF) + "/sriov_drivers_autoprobe", "1");
    }

    private void restore(String bdf, Optional<String> normal)
    {
        if (!sysfs.read(device(bdf) + "/driver_override").equals("(null)")) {
            sysfs.write(device(bdf) + "/driver_override", "\n");
        }
        Optional<String> current = sysfs.driver(bdf);
        if (current.equals(normal)) {
            return;
        }
        if (current.isPresent()) {
            sysfs.write(driverFile(current.get(), "unbind"), bdf);
        }
        if (normal.isPresent()) {
            sysfs.write(GuestSysfs.PROBE, bdf);
        }
    }
}
