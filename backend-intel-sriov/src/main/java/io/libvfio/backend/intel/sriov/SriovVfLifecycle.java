package io.libvfio.backend.intel.sriov;

import io.libvfio.api.Errno;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.UndoLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hands out and takes back the VFs of an Intel PF, every step undone when a later one fails.
 * <p>
 * Create, for a {@code vfs-N} profile: when no VF is enabled (or, on a PF libvfio owns, when
 * the enabled count is another and every VF is free: {@code sriov_numvfs} 0 first, sysfs-spec
 * §1.2), {@code sriov_drivers_autoprobe} 0, i915's {@code auto_provisioning} 0, VF 1's quotas,
 * then {@code sriov_numvfs} N; when N are enabled, the first free VF, provisioned if the PF is
 * libvfio's. Then the VF's {@code driver_override} becomes {@code vfio-pci}, which reserves it;
 * the runtime binds it.
 * <p>
 * Destroy: the override cleared, and on a PF libvfio owns the VF's quotas released; when no VF
 * is left in use, {@code sriov_numvfs} 0 and {@code auto_provisioning}, {@code sriov_drivers_autoprobe}
 * back to 1. A PF "libvfio owns" is one whose {@code sriov_drivers_autoprobe} reads 0: libvfio
 * sets that when it enables VFs (the kernel's default is 1); VFs an administrator enabled are
 * handed out as they are, with no quota written.
 */
final class SriovVfLifecycle
{
    private final HostFs fs;
    private final boolean dryRun;

    SriovVfLifecycle(BackendContext context)
    {
        this.fs = context.fs();
        this.dryRun = context.dryRun();
    }

    VirtualGpu create(SriovPf pf, String typeId, int vfs, VfProvisioning provisioning)
    {
        UndoLog undo = new UndoLog();
        try {
            SriovPf.Vf vf = pf.numVfs() == vfs ? takeEnabled(pf, provisioning, vfs, undo) : enable(pf, provisioning, vfs, undo);
            write(undo, SriovPf.DEVICES + "/" + vf.address() + "/driver_override", SriovPf.VFIO_PCI, "\n");
            if (!dryRun && !pf.vf(vf.index()).reserved()) {
                throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "%s/%s/driver_override does not read back vfio-pci".formatted(SriovPf.DEVICES, vf.address()));
            }
            undo.commit();
            return instance(pf.address(), typeId, vf.address());
        }
        catch (RuntimeException e) {
            throw undo.rollback(e);
        }
    }

    void destroy(SriovPf pf, PciAddress address, VfProvisioning provisioning)
    {
        int index = pf.indexOf(address).orElseThrow(() -> new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND,
                "%s is not an enabled VF of %s".formatted(address, pf.address())));
        SriovPf.Vf vf = pf.vf(index);
        if (!vf.reserved()) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND, "VF %s is not handed out (its driver_override is %s, not vfio-pci)"
                    .formatted(address, vf.override().orElse("(null)")));
        }
        if (vf.driver().isPresent() && !vf.driver().get().equals(SriovPf.VFIO_PCI)) {
            throw new VfioException(StandardErrorCode.DEVICE_BUSY, "VF %s is bound to %s; unbind it before giving it back".formatted(address, vf.driver().get()));
        }
        boolean owned = !pf.autoprobe();
        int enabled = pf.numVfs();
        UndoLog undo = new UndoLog();
        try {
            write(undo, SriovPf.DEVICES + "/" + address + "/driver_override", "\n", SriovPf.VFIO_PCI);
            if (owned) {
                for (QuotaWrite release : provisioning.release(index + 1)) {
                    write(undo, release.path(), Long.toString(release.value()), Long.toString(release.previous()));
                }
                boolean lastInUse = true;
                for (int other = 0; other < enabled; other++) {
                    lastInUse &= other == index || pf.vf(other).override().isEmpty() && pf.vf(other).driver().isEmpty();
                }
                if (lastInUse) {
                    write(undo, pf.directory() + "/sriov_numvfs", "0", Integer.toString(enabled));
                    Optional<String> auto = provisioning.autoProvisioning();
                    if (auto.isPresent() && fs.read(auto.get()).filter("0"::equals).isPresent()) {
                        write(undo, auto.get(), "1", "0");
                    }
                    write(undo, pf.directory() + "/sriov_drivers_autoprobe", "1", "0");
                }
            }
            undo.commit();
        }
        catch (RuntimeException e) {
            throw undo.rollback(e);
        }
    }

    /** The VFs of {@code pf} handed out now ({@code driver_override} vfio-pci). */
    List<VirtualGpu> instances(SriovPf pf)
    {
        List<VirtualGpu> instances = new ArrayList<>();
        int enabled = pf.numVfs();
        for (int index = 0; index < enabled; index++) {
            SriovPf.Vf vf = pf.vf(index);
            if (vf.reserved() && fs.exists(SriovPf.DEVICES + "/" + vf.address())) {
                instances.add(instance(pf.address(), "vfs-" + enabled, vf.address()));
            }
        }
        return instances;
    }

    static VirtualGpu instance(PciAddress pf, String typeId, PciAddress vf)
    {
        return new VirtualGpu(vf.toString(), pf, typeId, Mechanism.SRIOV_VF, Optional.of(vf), SriovPf.DEVICES + "/" + vf);
    }

    private SriovPf.Vf takeEnabled(SriovPf pf, VfProvisioning provisioning, int vfs, UndoLog undo)
    {
        SriovPf.Vf vf = null;
        for (int index = 0; index < vfs && vf == null; index++) {
            SriovPf.Vf candidate = pf.vf(index);
            if (candidate.free()) {
                vf = candidate;
            }
        }
        if (vf == null) {
            throw new VfioException(StandardErrorCode.NO_CAPACITY, "all %d VFs of %s are in use (bound to a driver or handed out)".formatted(vfs, pf.address()));
        }
        if (!pf.autoprobe()) {
            for (QuotaWrite quota : provisioning.provision(vf.index() + 1, vfs)) {
                write(undo, quota.path(), Long.toString(quota.value()), Long.toString(quota.previous()));
            }
        }
        return vf;
    }

    private SriovPf.Vf enable(SriovPf pf, VfProvisioning provisioning, int vfs, UndoLog undo)
    {
        List<QuotaWrite> quotas = provisioning.provision(1, vfs);
        int enabled = pf.numVfs();
        if (enabled > 0) {
            boolean allFree = true;
            for (int index = 0; index < enabled; index++) {
                SriovPf.Vf vf = pf.vf(index);
                allFree &= vf.override().isEmpty() && vf.driver().isEmpty();
            }
            if (pf.autoprobe() || !allFree) {
                throw new VfioException(StandardErrorCode.DEVICE_BUSY, ("%s has %d VFs enabled and in use or set up by someone else; the count changes only"
                        + " through 0 (sysfs-spec §1.2), so vfs-%d needs them gone first").formatted(pf.address(), enabled, vfs));
            }
            write(undo, pf.directory() + "/sriov_numvfs", "0", Integer.toString(enabled));
        }
        if (pf.autoprobe()) {
            write(undo, pf.directory() + "/sriov_drivers_autoprobe", "0", "1");
        }
        Optional<String> auto = provisioning.autoProvisioning();
        if (auto.isPresent() && fs.read(auto.get()).filter("1"::equals).isPresent()) {
            write(undo, auto.get(), "0", "1");
        }
        for (QuotaWrite quota : quotas) {
            write(undo, quota.path(), Long.toString(quota.value()), Long.toString(quota.previous()));
        }
        write(undo, pf.directory() + "/sriov_numvfs", Integer.toString(vfs), "0");
        return new SriovPf.Vf(0, pf.vfAddress(0), Optional.empty(), Optional.empty());
    }

    /** Writes {@code value}, then remembers to write {@code previous} back; a refusal becomes the error a user acts on. */
    private void write(UndoLog undo, String path, String value, String previous)
    {
        try {
            fs.write(path, value);
        }
        catch (VfioException e) {
            throw meaning(e, path, value);
        }
        undo.record("write %s to %s".formatted(previous.replace("\n", "\\n"), path), () -> fs.write(path, previous));
    }

    private static VfioException meaning(VfioException refused, String path, String value)
    {
        Optional<Errno> errno = refused.errno();
        if (errno.isEmpty()) {
            return refused;
        }
        return switch (errno.get()) {
            case EDQUOT, ENOSPC -> new VfioException(StandardErrorCode.NO_CAPACITY,
                    "the GPU cannot provision %s with %s (%s): lower it with a backend.intel-sriov.vf-* setting or free VFs: %s"
                            .formatted(path, value, errno.get().text(), refused.getMessage()), errno.get(), refused);
            case EBUSY -> new VfioException(StandardErrorCode.DEVICE_BUSY, "%s is busy: %s".formatted(path, refused.getMessage()), errno.get(), refused);
            default -> refused;
        };
    }
}
