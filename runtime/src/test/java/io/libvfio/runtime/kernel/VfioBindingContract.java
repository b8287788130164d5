package io.libvfio.runtime.kernel;

import io.libvfio.api.Errno;
import io.libvfio.api.HostInventory;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.libvfio.runtime.kernel.GuestLikeHost.LPC;
import static io.libvfio.runtime.kernel.GuestLikeHost.MISSING;
import static io.libvfio.runtime.kernel.GuestLikeHost.NVME_PF;
import static io.libvfio.runtime.kernel.GuestLikeHost.SATA;
import static io.libvfio.runtime.kernel.GuestLikeHost.SMBUS;
import static io.libvfio.runtime.kernel.GuestSysfs.PROBE;
import static io.libvfio.runtime.kernel.GuestSysfs.device;
import static io.libvfio.runtime.kernel.GuestSysfs.driverFile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding to vfio-pci with {@code driver_override}, {@code unbind} and {@code drivers_probe}, the
 * way back to the original driver, the bind/unbind errnos, and group viability.
 */
abstract class VfioBindingContract
        extends KernelContract
{
    @Test
    void aVfGoesToVfioPciAndBackToNoDriver()
    {
        String vf = sysfs.enableVfs(NVME_PF, 2).get(0);
        int group = sysfs.group(vf).getAsInt();
        assertThat(sysfs.driver(vf)).isEmpty();
        assertThat(sysfs.vfioNode(group)).isFalse();

        sysfs.bindToVfio(vf);

        assertThat(sysfs.driver(vf)).contains("vfio-pci");
        assertThat(sysfs.fs().list("/sys/bus/pci/drivers/vfio-pci")).contains(vf);
        assertThat(sysfs.vfioNode(group)).isTrue();
        assertThat(kernel.vfioGroupViable(group)).as("the VF is alone in its group").isTrue();
        PciDevice seen = kernel.inventory().device(PciAddress.parse(vf)).orElseThrow();
        assertThat(seen.driver()).contains("vfio-pci");
        assertThat(seen.driverOverride()).contains("vfio-pci");

        sysfs.releaseFromVfio(vf);

        assertThat(sysfs.driver(vf)).as("its original state: no driver").isEmpty();
        assertThat(sysfs.read(device(vf) + "/driver_override")).isEqualTo("(null)");
        assertThat(sysfs.vfioNode(group)).isFalse();
    }

    @Test
    void thePfGoesToVfioPciAndBackToNvme()
    {
        int group = sysfs.group(NVME_PF).getAsInt();

        sysfs.bindToVfio(NVME_PF);

        assertThat(sysfs.driver(NVME_PF)).contains("vfio-pci");
        assertThat(sysfs.vfioNode(group)).isTrue();
        assertThat(kernel.vfioGroupViable(group)).isTrue();
        sysfs.assertRefused(device(NVME_PF) + "/sriov_numvfs", "1", Errno.ENOENT);

        sysfs.releaseFromVfio(NVME_PF);

        assertThat(sysfs.driver(NVME_PF)).contains("nvme");
        assertThat(sysfs.vfioNode(group)).isFalse();
        assertThat(kernel.inventory().device(PciAddress.parse(NVME_PF)).orElseThrow().driverOverride()).isEmpty();
    }

    @Test
    void bindAndUnbindMisuseIsEnodevOrEbusy()
    {
        String vf = sysfs.enableVfs(NVME_PF, 1).get(0);

        sysfs.assertRefused(driverFile("vfio-pci", "bind"), vf, Errno.ENODEV);
        sysfs.assertRefused(driverFile("vfio-pci", "unbind"), vf, Errno.ENODEV);
        sysfs.assertRefused(PROBE, MISSING, Errno.ENODEV);
        sysfs.assertRefused(driverFile("vfio-pci", "bind"), MISSING, Errno.ENODEV);
        sysfs.assertRefused(driverFile("vfio-pci", "unbind"), MISSING, Errno.ENODEV);

        sysfs.bindToVfio(vf);
        sysfs.write(PROBE, vf);
        assertThat(sysfs.driver(vf)).as("drivers_probe leaves a bound device alone").contains("vfio-pci");
        sysfs.assertRefused(driverFile("vfio-pci", "bind"), vf, Errno.EBUSY);
        sysfs.assertRefused(driverFile("nvme", "bind"), vf, Errno.ENODEV);
        sysfs.assertRefused(driverFile("nvme", "unbind"), vf, Errno.ENODEV);
        sysfs.write(driverFile("vfio-pci", "unbind"), vf);
        sysfs.assertRefused(driverFile("vfio-pci", "unbind"), vf, Errno.ENODEV);
        assertThat(sysfs.driver(vf)).isEmpty();
    }

    @Test
    void vfioPciRefusesAPfWithVfsEnabled()
    {
        sysfs.enableVfs(NVME_PF, 2);
        sysfs.write(device(NVME_PF) + "/driver_override", "vfio-pci");
        sysfs.assertRefused(driverFile("vfio-pci", "bind"), NVME_PF, Errno.EBUSY);

        sysfs.write(driverFile("nvme", "unbind"), NVME_PF);

        sysfs.assertRefused(driverFile("vfio-pci", "bind"), NVME_PF, Errno.EBUSY);
        sysfs.write(PROBE, NVME_PF);
        assertThat(sysfs.driver(NVME_PF)).as("drivers_probe succeeds though nothing binds").isEmpty();
    }

    /** VFIO_GROUP_GET_STATUS: a group is viable while no member is on a driver that uses the DMA API; unbound members do not count. */
    @Test
    void aGroupIsViableOnlyWhileNoMemberIsOnAHostDriver()
    {
        int group = sysfs.group(SMBUS).getAsInt();
        assertThat(sysfs.group(SATA)).hasValue(group);
        assertThat(sysfs.driver(SATA)).contains("ahci");
        assertThat(sysfs.driver(LPC)).isEmpty();

        sysfs.bindToVfio(SMBUS);

        assertThat(sysfs.vfioNode(group)).as("the node comes with the group's first VFIO member").isTrue();
        assertThat(kernel.vfioGroupViable(group)).as("ahci drives a member").isFalse();
        sysfs.write(driverFile("ahci", "unbind"), SATA);
        assertThat(kernel.vfioGroupViable(group)).as("the other members are unbound").isTrue();
        HostInventory inventory = kernel.inventory();
        List<String> drivers = inventory.iommuGroup(group).orElseThrow().devices().stream()
                .map(address -> inventory.device(address).orElseThrow().driver().orElse("-")).toList();
        assertThat(drivers).containsExactly("-", "-", "vfio-pci");

        sysfs.write(PROBE, SATA);
        assertThat(sysfs.driver(SATA)).contains("ahci");
        assertThat(kernel.vfioGroupViable(group)).isFalse();
        sysfs.releaseFromVfio(SMBUS);
        assertThat(sysfs.vfioNode(group)).isFalse();
    }
}
