package io.libvfio.backend.intel.sriov;

import io.libvfio.api.PciDevice;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.SysfsValues;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Reads the out-of-tree i915 SR-IOV tree (sysfs-spec §4.1) under
 * {@code /sys/bus/pci/devices/<PF>/drm/cardN/prelim_iov} ({@code iov} on Intel's backports):
 * {@code mode}, the PF's {@code pf/gtN/available} resources and {@code pf/gtN/exec_quantum_ms}
 * ({@code gt} on single-tile backports), and the VF quotas {@code vfN/gtN/lmem_quota} and
 * {@code vfN/gtN/ggtt_quota}.
 * <p>
 * Sizes: the memory a profile divides is what is still provisionable ({@code lmem_max_quota}, else
 * {@code lmem_free}, summed over tiles) plus what VFs hold already (their {@code lmem_quota}s), so
 * the figure does not shrink once VFs are provisioned. iGPUs have no local memory; there the
 * same rule applies to the GGTT of the first GT ({@code ggtt_max_quota}/{@code ggtt_free},
 * {@code ggtt_quota}).
 */
final class I915IovReader
{
    private static final long MIB = 1024 * 1024;

    static final String DEVICES = "/sys/bus/pci/devices";
    static final String PF_MODE = "SR-IOV PF";

    private final HostFs fs;

    I915IovReader(HostFs fs)
    {
        this.fs = fs;
    }

    PfState read(PciDevice pf, int totalVfs, List<String> problems)
    {
        Map<String, String> properties = new TreeMap<>();
        Optional<String> card = fs.list(DEVICES + "/" + pf.address() + "/drm").stream().filter(name -> name.matches("card[0-9]+")).findFirst();
        if (card.isEmpty()) {
            return PfState.blocked("i915 registered no DRM card for this GPU (no %s/%s/drm/cardN)".formatted(DEVICES, pf.address()), properties);
        }
        String cardDir = DEVICES + "/" + pf.address() + "/drm/" + card.get();
        String iov = fs.isDirectory(cardDir + "/prelim_iov") ? cardDir + "/prelim_iov" : cardDir + "/iov";
        if (!fs.isDirectory(iov)) {
            return PfState.blocked(("this i915 has no SR-IOV support (no %s/prelim_iov): install i915-sriov-dkms (iGPUs)"
                    + " or Intel's i915 backports (Flex/Max), or use xe").formatted(cardDir), properties);
        }
        properties.put("iov", iov);
        String mode = fs.read(iov + "/mode").orElse("unknown");
        properties.put("mode", mode);
        if (!mode.equals(PF_MODE)) {
            return PfState.blocked("i915 runs in mode '%s', not '%s': boot with i915.enable_guc=3 i915.max_vfs=N".formatted(mode, PF_MODE), properties);
        }
        List<String> gts = fs.list(iov + "/pf").stream().filter(name -> name.matches("gt[0-9]*")).toList();
        if (gts.isEmpty()) {
            return PfState.blocked("%s/pf has no gt directory".formatted(iov), properties);
        }
        try {
            long lmem = 0;
            for (String gt : gts) {
                lmem += provisionable(iov + "/pf/" + gt + "/available", "lmem").orElse(0);
                lmem += provisioned(iov, gt, "lmem_quota", totalVfs);
            }
            String first = gts.get(0);
            long ggtt = provisionable(iov + "/pf/" + first + "/available", "ggtt").orElse(0) + provisioned(iov, first, "ggtt_quota", totalVfs);
            properties.put("lmem_mib", Long.toString(lmem / MIB));
            properties.put("ggtt_mib", Long.toString(ggtt / MIB));
            OptionalInt quantum = execQuantum(iov + "/pf/" + first + "/exec_quantum_ms", properties, problems);
            MemoryKind memory = lmem > 0 ? MemoryKind.LOCAL_MEMORY : MemoryKind.GGTT;
            OptionalLong vfQuota = vfQuota(iov, gts, memory);
            return new PfState(Optional.empty(), memory, (lmem > 0 ? lmem : ggtt) / MIB, vfQuota, quantum, properties);
        }
        catch (VfioException e) {
            problems.add(e.getMessage());
            return PfState.blocked("unreadable SR-IOV resources", properties);
        }
    }

    /** {@code <kind>_max_quota}, else {@code <kind>_free}, in bytes; empty when neither exists. */
    private OptionalLong provisionable(String available, String kind)
    {
        OptionalLong max = SysfsValues.optionalUnsigned(fs, available + "/" + kind + "_max_quota");
        return max.isPresent() ? max : SysfsValues.optionalUnsigned(fs, available + "/" + kind + "_free");
    }

    private long provisioned(String iov, String gt, String quota, int totalVfs)
    {
        long sum = 0;
        for (int vf = 1; vf <= totalVfs; vf++) {
            sum += SysfsValues.optionalUnsigned(fs, "%s/vf%d/%s/%s".formatted(iov, vf, gt, quota)).orElse(0);
        }
        return sum;
    }

    private OptionalLong vfQuota(String iov, List<String> gts, MemoryKind memory)
    {
        long quota = 0;
        for (String gt : memory == MemoryKind.LOCAL_MEMORY ? gts : gts.subList(0, 1)) {
            String file = memory == MemoryKind.LOCAL_MEMORY ? "lmem_quota" : "ggtt_quota";
            quota += SysfsValues.optionalUnsigned(fs, "%s/vf1/%s/%s".formatted(iov, gt, file)).orElse(0);
        }
        return quota > 0 ? OptionalLong.of(quota / MIB) : OptionalLong.empty();
    }

    private OptionalInt execQuantum(String path, Map<String, String> properties, List<String> problems)
    {
        try {
            OptionalLong value = SysfsValues.optionalUnsigned(fs, path);
            value.ifPresent(quantum -> properties.put("exec_quantum_ms", Long.toString(quantum)));
            return value.isPresent() && value.getAsLong() > 0 && value.getAsLong() <= Integer.MAX_VALUE
                    ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
        }
        catch (VfioException e) {
            problems.add(e.getMessage());
            return OptionalInt.empty();
        }
    }
}
