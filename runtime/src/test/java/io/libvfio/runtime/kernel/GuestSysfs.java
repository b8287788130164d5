package io.libvfio.runtime.kernel;

import io.libvfio.api.Errno;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sysfs steps of the host contract, written once for both kernels: paths, reads, the
 * driver-override procedure, mdev creation, and the assertion that a write is refused with an errno.
 */
final class GuestSysfs
{
    static final String PROBE = "/sys/bus/pci/drivers_probe";
    static final String MDEV_DEVICES = "/sys/bus/mdev/devices";

    private final HostFs fs;

    GuestSysfs(HostFs fs)
    {
        this.fs = requireNonNull(fs, "fs is null");
    }

    static String device(String bdf)
    {
        return "/sys/bus/pci/devices/" + bdf;
    }

    static String driverFile(String driver, String file)
    {
        return "/sys/bus/pci/drivers/" + driver + "/" + file;
    }

    static String mdevType(String parent, String type)
    {
        return "/sys/class/mdev_bus/" + parent + "/mdev_supported_types/" + type;
    }

    HostFs fs()
    {
        return fs;
    }

    void write(String path, String value)
    {
        fs.write(path, value);
    }

    String read(String path)
    {
        return fs.readRequired(path);
    }

    /** The write fails with exactly this errno. */
    void assertRefused(String path, String value, Errno errno)
    {
        assertThatThrownBy(() -> fs.write(path, value))
                .as("%s <- '%s'", path, value)
                .isInstanceOfSatisfying(VfioException.class, error -> assertThat(error.errno()).as(error.getMessage()).contains(errno));
    }

    Optional<String> driver(String bdf)
    {
        return fs.linkName(device(bdf) + "/driver");
    }

    OptionalInt group(String bdf)
    {
        return fs.linkName(device(bdf) + "/iommu_group").map(name -> OptionalInt.of(Integer.parseInt(name))).orElse(OptionalInt.empty());
    }

    /** The VFs of a PF, in {@code virtfnN} order. */
    List<String> virtfns(String pf)
    {
        List<String> links = new ArrayList<>(fs.list(device(pf)).stream().filter(name -> name.matches("virtfn[0-9]+")).toList());
        links.sort(Comparator.comparingInt(name -> Integer.parseInt(name.substring("virtfn".length()))));
        List<String> vfs = new ArrayList<>();
        for (String link : links) {
            fs.linkName(device(pf) + "/" + link).ifPresent(vfs::add);
        }
        return vfs;
    }

    /** Turns a PF's VF autoprobing off and enables {@code count} VFs, as a VF manager does. */
    List<String> enableVfs(String pf, int count)
    {
        write(device(pf) + "/sriov_drivers_autoprobe", "0");
        write(device(pf) + "/sriov_numvfs", Integer.toString(count));
        return virtfns(pf);
    }

    /** libvirt's procedure (sysfs-spec §7.1): {@code driver_override}, unbind if bound, {@code drivers_probe}. */
    void bindToVfio(String bdf)
    {
        write(device(bdf) + "/driver_override", "vfio-pci");
        Optional<String> driver = driver(bdf);
        if (driver.isPresent()) {
            write(driverFile(driver.get(), "unbind"), bdf);
        }
        write(PROBE, bdf);
    }

    /** Back from vfio-pci: clear the override, unbind, {@code drivers_probe} (the device's normal driver, if any, takes it). */
    void releaseFromVfio(String bdf)
    {
        write(device(bdf) + "/driver_override", "\n");
        write(driverFile("vfio-pci", "unbind"), bdf);
        write(PROBE, bdf);
    }

    int available(String parent, String type)
    {
        return Integer.parseInt(read(mdevType(parent, type) + "/available_instances"));
    }

    /** Creates an mdev of a type with a new UUID and returns the UUID. */
    String createMdev(String parent, String type)
    {
        String uuid = UUID.randomUUID().toString();
        write(mdevType(parent, type) + "/create", uuid);
        return uuid;
    }

    void removeMdev(String uuid)
    {
        write(MDEV_DEVICES + "/" + uuid + "/remove", "1");
    }

    /** The IOMMU group of an mdev device. */
    int mdevGroup(String uuid)
    {
        return Integer.parseInt(fs.linkName(MDEV_DEVICES + "/" + uuid + "/iommu_group").orElseThrow());
    }

    boolean vfioNode(int group)
    {
        return fs.exists("/dev/vfio/" + group);
    }
}
