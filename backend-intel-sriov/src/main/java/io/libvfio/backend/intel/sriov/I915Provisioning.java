package io.libvfio.backend.intel.sriov;

import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.SysfsValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * i915 {@code prelim_iov} provisioning (sysfs-spec §4.1), in Intel XPU Manager's order: per GT,
 * {@code ggtt_quota}, {@code lmem_quota}, {@code contexts_quota}, {@code doorbells_quota},
 * {@code exec_quantum_ms}, {@code preempt_timeout_us} of {@code vfN/gtN/}; release writes 0 in
 * the reverse order. Pools come from {@code pf/gtN/available/} (see {@link VfSettings} for the
 * defaults); GGTT is aligned down to 4 KiB, local memory to 2 MiB, contexts to i915's 128.
 */
final class I915Provisioning
        implements VfProvisioning
{
    private static final long MIB = 1024 * 1024;
    private static final long GGTT_ALIGNMENT = 4096;
    private static final long LMEM_ALIGNMENT = 2 * MIB;
    private static final long CONTEXTS_GRANULARITY = 128;
    private static final String[] RESOURCES = {"ggtt", "lmem", "contexts", "doorbells"};

    private final HostFs fs;
    private final String iov;
    private final VfSettings settings;
    private final int totalVfs;

    I915Provisioning(HostFs fs, String iov, VfSettings settings, int totalVfs)
    {
        this.fs = fs;
        this.iov = iov;
        this.settings = settings;
        this.totalVfs = totalVfs;
    }

    /** The {@code prelim_iov} (or {@code iov}) directory of an i915 PF, when it has one. */
    static Optional<String> directory(HostFs fs, String pfDirectory)
    {
        Optional<String> card = fs.list(pfDirectory + "/drm").stream().filter(name -> name.matches("card[0-9]+")).findFirst();
        if (card.isEmpty()) {
            return Optional.empty();
        }
        String cardDir = pfDirectory + "/drm/" + card.get();
        return fs.isDirectory(cardDir + "/prelim_iov") ? Optional.of(cardDir + "/prelim_iov")
                : fs.isDirectory(cardDir + "/iov") ? Optional.of(cardDir + "/iov") : Optional.empty();
    }

    @Override
    public Optional<String> autoProvisioning()
    {
        String path = iov + "/pf/auto_provisioning";
        return fs.exists(path) ? Optional.of(path) : Optional.empty();
    }

    @Override
    public List<QuotaWrite> provision(int vf, int vfs)
    {
        List<QuotaWrite> writes = new ArrayList<>();
        for (String gt : gts()) {
            String dir = "%s/vf%d/%s/".formatted(iov, vf, gt);
            for (String resource : RESOURCES) {
                String path = dir + resource + "_quota";
                if (fs.exists(path)) {
                    add(writes, path, share(gt, resource, vfs));
                }
            }
            add(writes, dir + "exec_quantum_ms", settings.execQuantumMs(vfs));
            add(writes, dir + "preempt_timeout_us", settings.preemptTimeoutUs(vfs));
        }
        return writes;
    }

    @Override
    public List<QuotaWrite> release(int vf)
    {
        List<QuotaWrite> writes = new ArrayList<>();
        List<String> gts = gts();
        for (int index = gts.size() - 1; index >= 0; index--) {
            String dir = "%s/vf%d/%s/".formatted(iov, vf, gts.get(index));
            add(writes, dir + "preempt_timeout_us", 0);
            add(writes, dir + "exec_quantum_ms", 0);
            for (int resource = RESOURCES.length - 1; resource >= 0; resource--) {
                add(writes, dir + RESOURCES[resource] + "_quota", 0);
            }
        }
        return writes;
    }

    private List<String> gts()
    {
        return fs.list(iov + "/pf").stream().filter(name -> name.matches("gt[0-9]*")).toList();
    }

    /** A VF's share of one pool of one GT: the setting, else (provisionable + held by VFs) / N. */
    private long share(String gt, String resource, int vfs)
    {
        OptionalLong setting = switch (resource) {
            case "ggtt" -> scaled(settings.value(VfSettings.GGTT_MIB));
            case "lmem" -> scaled(settings.value(VfSettings.LMEM_MIB));
            case "contexts" -> settings.value(VfSettings.CONTEXTS);
            default -> settings.value(VfSettings.DOORBELLS);
        };
        if (setting.isPresent()) {
            return setting.getAsLong();
        }
        String available = "%s/pf/%s/available/%s".formatted(iov, gt, resource);
        OptionalLong max = SysfsValues.optionalUnsigned(fs, available + "_max_quota");
        long pool = max.isPresent() ? max.getAsLong() : SysfsValues.optionalUnsigned(fs, available + "_free").orElse(0);
        for (int other = 1; other <= totalVfs; other++) {
            pool += SysfsValues.optionalUnsigned(fs, "%s/vf%d/%s/%s_quota".formatted(iov, other, gt, resource)).orElse(0);
        }
        long share = pool / vfs;
        return switch (resource) {
            case "ggtt" -> share / GGTT_ALIGNMENT * GGTT_ALIGNMENT;
            case "lmem" -> share / LMEM_ALIGNMENT * LMEM_ALIGNMENT;
            case "contexts" -> share >= CONTEXTS_GRANULARITY ? share / CONTEXTS_GRANULARITY * CONTEXTS_GRANULARITY : share;
            default -> share;
        };
    }

    private static OptionalLong scaled(OptionalLong mib)
    {
        return mib.isPresent() ? OptionalLong.of(mib.getAsLong() * MIB) : OptionalLong.empty();
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
