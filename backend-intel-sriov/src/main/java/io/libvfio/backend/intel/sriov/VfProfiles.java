package io.libvfio.backend.intel.sriov;

import io.libvfio.api.HostInventory;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.SriovInfo;
import io.libvfio.api.VgpuType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The VF profiles of an Intel SR-IOV PF. A profile is "enable N VFs and give each an equal share":
 * <ul>
 * <li>N runs over the powers of two up to {@code sriov_totalvfs}, plus {@code sriov_totalvfs}
 * itself (7 on Alder Lake gives 1, 2, 4, 7), plus the count enabled now;</li>
 * <li>id {@code vfs-N}, name {@code "<model> 1/N"};</li>
 * <li>framebuffer = the PF's shareable memory / N in MiB ({@link MemoryKind}); for the profile in
 * use, VF 1's actual quota when it has one;</li>
 * <li>maximum instances = N; free instances = N while no VF is enabled; once N VFs are enabled
 * only that profile has free instances (the count changes only through 0, sysfs-spec §1.2):
 * the VFs that are unbound or on vfio-pci and not handed out. A VF bound to i915/xe is in use by the host.</li>
 * </ul>
 */
final class VfProfiles
{
    private VfProfiles()
    {
    }

    static List<Integer> counts(int totalVfs, int enabled)
    {
        TreeSet<Integer> counts = new TreeSet<>();
        for (int count = 1; count <= totalVfs; count *= 2) {
            counts.add(count);
        }
        if (totalVfs > 0) {
            counts.add(totalVfs);
        }
        if (enabled > 0) {
            counts.add(enabled);
        }
        return List.copyOf(counts);
    }

    static List<VgpuType> types(PciDevice pf, String model, PfState state, HostInventory inventory)
    {
        SriovInfo sriov = pf.sriov().orElseThrow();
        int enabled = sriov.numVfs();
        int free = (int) sriov.virtualFunctions().stream().filter(vf -> isFree(inventory, vf)).count();
        List<VgpuType> types = new ArrayList<>();
        for (int count : counts(sriov.totalVfs(), enabled)) {
            boolean current = count == enabled;
            long framebuffer = current && state.vfQuotaMib().isPresent() ? state.vfQuotaMib().getAsLong() : state.totalMib() / count;
            Map<String, String> properties = new TreeMap<>();
            properties.put("vfs", Integer.toString(count));
            properties.put("framebuffer", current && state.vfQuotaMib().isPresent() ? "VF 1's provisioned quota" : state.memory().description());
            properties.put("enabled", current ? "yes" : "no");
            int available = enabled == 0 ? count : current ? free : 0;
            types.add(new VgpuType("vfs-" + count, "%s 1/%d".formatted(model, count), pf.address(), Mechanism.SRIOV_VF, framebuffer, 0,
                    Optional.empty(), count, available, properties));
        }
        return types;
    }

    /** A VF no one holds: not handed out (no {@code driver_override}), and unbound or on vfio-pci waiting for a VM. */
    static boolean isFree(HostInventory inventory, PciAddress vf)
    {
        return inventory.device(vf).map(device -> device.driverOverride().isEmpty() && (device.driver().isEmpty() || device.isBoundTo("vfio-pci")))
                .orElse(false);
    }
}
