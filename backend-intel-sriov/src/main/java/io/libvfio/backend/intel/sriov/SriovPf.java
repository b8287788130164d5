package io.libvfio.backend.intel.sriov;

import io.libvfio.api.PciAddress;
import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.SysfsValues;

import java.util.Optional;

/**
 * A PF's SR-IOV attributes as the host shows them now (sysfs-spec §1.2), and its VFs' state.
 * VF addresses come from {@code sriov_offset} and {@code sriov_stride}, so a dry run knows the VF
 * an enable would create.
 */
final class SriovPf
{
    static final String DEVICES = "/sys/bus/pci/devices";
    static final String VFIO_PCI = "vfio-pci";

    /** One VF now: its driver and {@code driver_override}, when set. */
    record Vf(int index, PciAddress address, Optional<String> driver, Optional<String> override)
    {
        /** Not handed out and not used by the host: no override, unbound or on vfio-pci. */
        boolean free()
        {
            return override.isEmpty() && (driver.isEmpty() || driver.get().equals(VFIO_PCI));
        }

        /** Handed out: {@code driver_override} is vfio-pci. */
        boolean reserved()
        {
            return override.filter(VFIO_PCI::equals).isPresent();
        }
    }

    private final HostFs fs;
    private final PciAddress address;

    SriovPf(HostFs fs, PciAddress address)
    {
        this.fs = fs;
        this.address = address;
    }

    PciAddress address()
    {
        return address;
    }

    String directory()
    {
        return DEVICES + "/" + address;
    }

    int numVfs()
    {
        return (int) number("sriov_numvfs");
    }

    /** {@code sriov_drivers_autoprobe}: libvfio sets it to 0 when it enables the VFs, which marks them as libvfio's. */
    boolean autoprobe()
    {
        return fs.read(directory() + "/sriov_drivers_autoprobe").map(value -> !value.equals("0")).orElse(true);
    }

    PciAddress vfAddress(int index)
    {
        int routingId = (address.bus() << 8 | address.device() << 3 | address.function()) + (int) number("sriov_offset") + index * (int) number("sriov_stride");
        return new PciAddress(address.domain(), (routingId >> 8) & 0xff, (routingId >> 3) & 0x1f, routingId & 0x7);
    }

    Vf vf(int index)
    {
        PciAddress vf = vfAddress(index);
        String directory = DEVICES + "/" + vf;
        Optional<String> override = fs.read(directory + "/driver_override").filter(value -> !value.isEmpty() && !value.equals("(null)"));
        return new Vf(index, vf, fs.linkName(directory + "/driver"), override);
    }

    /** The index of {@code vf} among the enabled VFs, when it is one of them. */
    Optional<Integer> indexOf(PciAddress vf)
    {
        int count = numVfs();
        for (int index = 0; index < count; index++) {
            if (vfAddress(index).equals(vf)) {
                return Optional.of(index);
            }
        }
        return Optional.empty();
    }

    private long number(String attribute)
    {
        String path = directory() + "/" + attribute;
        return SysfsValues.unsigned(path, fs.readRequired(path));
    }
}
