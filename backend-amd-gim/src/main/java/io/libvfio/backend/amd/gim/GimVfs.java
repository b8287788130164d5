package io.libvfio.backend.amd.gim;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.HostFs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The VFs GIM enabled on a PF, read from the host as it is now (not from discovery, which may
 * predate a create), and the one write libvfio makes to them: a VF is handed out by setting its
 * {@code driver_override} to {@code vfio-pci} (sysfs-spec §1.3), which reserves it (only vfio-pci
 * may bind it, and no other libvfio process takes a VF with an override); the runtime binds it
 * afterwards. Releasing clears the override ({@code "\n"} reads back {@code (null)}). GIM itself
 * is never written: it has no interface for this (its VFs are fixed at load, §6).
 */
final class GimVfs
{
    static final String DEVICES = "/sys/bus/pci/devices";
    static final String VFIO_PCI = "vfio-pci";

    /** One VF now: its driver and override, when set. */
    record Vf(PciAddress address, Optional<String> driver, Optional<String> override)
    {
        /** Not handed out (no override) and not used by a host driver: unbound, or on vfio-pci waiting for a VM. */
        boolean free()
        {
            return override.isEmpty() && (driver.isEmpty() || driver.get().equals(VFIO_PCI));
        }

        /** Handed out by libvfio (or set up the same way by hand). */
        boolean reserved()
        {
            return override.filter(VFIO_PCI::equals).isPresent();
        }
    }

    private final HostFs fs;

    GimVfs(HostFs fs)
    {
        this.fs = fs;
    }

    /** The PF's VFs in VF order ({@code virtfn0}, {@code virtfn1}, ...). */
    List<Vf> of(PciAddress pf)
    {
        String directory = DEVICES + "/" + pf;
        List<String> links = new ArrayList<>(fs.list(directory).stream().filter(name -> name.matches("virtfn[0-9]+")).toList());
        links.sort(Comparator.comparingInt(name -> Integer.parseInt(name.substring("virtfn".length()))));
        List<Vf> vfs = new ArrayList<>();
        for (String link : links) {
            Optional<String> name = fs.linkName(directory + "/" + link);
            if (name.isPresent() && PciAddress.isValid(name.get())) {
                vfs.add(read(PciAddress.parse(name.get())));
            }
        }
        return vfs;
    }

    Vf read(PciAddress vf)
    {
        String directory = DEVICES + "/" + vf;
        Optional<String> override = fs.read(directory + "/driver_override").filter(value -> !value.isEmpty() && !value.equals("(null)"));
        return new Vf(vf, fs.linkName(directory + "/driver"), override);
    }

    /** The free VF to hand out: an unbound one first (the runtime binds it), else one already on vfio-pci. */
    static Optional<Vf> pick(List<Vf> vfs)
    {
        return vfs.stream().filter(Vf::free).min(Comparator.comparing((Vf vf) -> vf.driver().isPresent()));
    }

    void reserve(PciAddress vf)
    {
        fs.write(DEVICES + "/" + vf + "/driver_override", VFIO_PCI);
    }

    void release(PciAddress vf)
    {
        fs.write(DEVICES + "/" + vf + "/driver_override", "\n");
    }

    static VirtualGpu instance(PciAddress pf, String typeId, PciAddress vf)
    {
        return new VirtualGpu(vf.toString(), pf, typeId, Mechanism.SRIOV_VF, Optional.of(vf), DEVICES + "/" + vf);
    }

    /** The VF a {@link VirtualGpu} names, from its function or else its id. */
    static PciAddress function(VirtualGpu instance)
    {
        if (instance.function().isPresent()) {
            return instance.function().get();
        }
        if (!PciAddress.isValid(instance.id())) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND,
                    "'%s' is not a GIM VF: its id must be the VF's PCI address (see 'libvfio vgpus')".formatted(instance.id()));
        }
        return PciAddress.parse(instance.id());
    }
}
