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
 * Reads upstream xe's SR-IOV state (sysfs-spec §4.2, §4.4). VFs are enabled through
 * {@code sriov_numvfs} with fair auto-provisioning on any xe PF; kernels from 6.19 add
 * {@code /sys/bus/pci/devices/<PF>/sriov_admin} with {@code pf/profile/exec_quantum_ms} and, from
 * 7.0 on discrete GPUs, {@code vfN/profile/vram_quota} (bytes).
 * <p>
 * Sizes: nothing in sysfs gives the VRAM total, so a profile divides the VRAM from
 * {@link XeDevice}'s table or from the {@code vram-mib} setting (the PF's own reservation is not
 * subtracted). Integrated GPUs use system memory and get no size.
 */
final class XeSriovReader
{
    private static final long MIB = 1024 * 1024;

    static final String DEVICES = "/sys/bus/pci/devices";
    static final String VRAM_SETTING = "vram-mib";

    private final HostFs fs;
    private final Map<String, String> config;

    XeSriovReader(HostFs fs, Map<String, String> config)
    {
        this.fs = fs;
        this.config = config;
    }

    PfState read(PciDevice pf, List<String> problems)
    {
        Map<String, String> properties = new TreeMap<>();
        String admin = DEVICES + "/" + pf.address() + "/sriov_admin";
        boolean hasAdmin = fs.isDirectory(admin);
        properties.put("sriov_admin", hasAdmin ? "present" : "absent (kernel before 6.19: VF quotas only through debugfs)");
        Optional<XeDevice> known = XeDevice.of(pf.deviceId());
        long vram = known.map(XeDevice::vramMib).orElse(0L);
        Optional<String> setting = Optional.ofNullable(config.get(VRAM_SETTING));
        if (setting.isPresent()) {
            try {
                vram = SysfsValues.unsigned("backend.intel-sriov." + VRAM_SETTING, setting.get());
            }
            catch (VfioException e) {
                problems.add(e.getMessage());
            }
        }
        MemoryKind memory = vram > 0 ? MemoryKind.VRAM : MemoryKind.UNKNOWN;
        if (vram > 0) {
            properties.put("vram_mib", Long.toString(vram));
        }
        else if (known.filter(XeDevice::integrated).isPresent()) {
            properties.put("memory", "system memory (integrated GPU)");
        }
        OptionalInt quantum = OptionalInt.empty();
        OptionalLong vfQuota = OptionalLong.empty();
        if (hasAdmin) {
            try {
                OptionalLong value = SysfsValues.optionalUnsigned(fs, admin + "/pf/profile/exec_quantum_ms");
                value.ifPresent(ms -> properties.put("exec_quantum_ms", Long.toString(ms)));
                if (value.isPresent() && value.getAsLong() > 0 && value.getAsLong() <= Integer.MAX_VALUE) {
                    quantum = OptionalInt.of((int) value.getAsLong());
                }
            }
            catch (VfioException e) {
                problems.add(e.getMessage());
            }
            try {
                OptionalLong quota = SysfsValues.optionalUnsigned(fs, admin + "/vf1/profile/vram_quota");
                if (quota.isPresent() && quota.getAsLong() > 0) {
                    vfQuota = OptionalLong.of(quota.getAsLong() / MIB);
                }
            }
            catch (VfioException e) {
                problems.add(e.getMessage());
            }
        }
        return new PfState(Optional.empty(), memory, vram, vfQuota, quantum, properties);
    }
}
