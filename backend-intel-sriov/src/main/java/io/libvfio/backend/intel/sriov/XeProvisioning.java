package io.libvfio.backend.intel.sriov;

import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.SysfsValues;

import java.util.ArrayList;
import java.util.List;

/**
 * xe {@code sriov_admin} provisioning (sysfs-spec §4.4): {@code vfN/profile/vram_quota} (7.0,
 * discrete GPUs; bytes), {@code exec_quantum_ms} and {@code preempt_timeout_us}. VRAM per VF is
 * the card's VRAM ({@link XeDevice} or the {@code vram-mib} setting) / N unless
 * {@code vf-vram-mib} says otherwise; 0 (unknown) leaves VRAM to xe's auto-provisioning. Without
 * {@code sriov_admin} (kernels before 6.19) there is nothing to write: xe provisions fairly itself.
 */
final class XeProvisioning
        implements VfProvisioning
{
    private static final long MIB = 1024 * 1024;

    private final HostFs fs;
    private final String admin;
    private final VfSettings settings;
    private final long vramMib;

    XeProvisioning(HostFs fs, String admin, VfSettings settings, long vramMib)
    {
        this.fs = fs;
        this.admin = admin;
        this.settings = settings;
        this.vramMib = vramMib;
    }

    @Override
    public List<QuotaWrite> provision(int vf, int vfs)
    {
        List<QuotaWrite> writes = new ArrayList<>();
        String profile = "%s/vf%d/profile/".formatted(admin, vf);
        long vram = settings.value(VfSettings.VRAM_MIB).orElse(vramMib / vfs) * MIB;
        if (vram > 0) {
            add(writes, profile + "vram_quota", vram);
        }
        add(writes, profile + "exec_quantum_ms", settings.execQuantumMs(vfs));
        add(writes, profile + "preempt_timeout_us", settings.preemptTimeoutUs(vfs));
        return writes;
    }

    @Override
    public List<QuotaWrite> release(int vf)
    {
        List<QuotaWrite> writes = new ArrayList<>();
        String profile = "%s/vf%d/profile/".formatted(admin, vf);
        add(writes, profile + "preempt_timeout_us", 0);
        add(writes, profile + "exec_quantum_ms", 0);
        add(writes, profile + "vram_quota", 0);
        return writes;
    }

    private void add(List<QuotaWrite> writes, String path, long value)
    {
        if (!fs.exists(path)) {
            return;
        }
        long previous = SysfsValues.optionalUnsigned(fs, path).orElse(0);
        if (previous != value) {
            writes.add(new QuotaWrite(path, value, previous));
        }
    }
}
