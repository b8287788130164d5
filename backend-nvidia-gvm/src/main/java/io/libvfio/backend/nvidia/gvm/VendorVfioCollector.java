package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.SysfsValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The vGPU 17+ vendor-VFIO path (sysfs-spec §5.3): a PF bound to {@code nvidia} whose VFs have
 * {@code /sys/bus/pci/devices/<VF>/nvidia/creatable_vgpu_types}. Types are keyed by their numeric
 * id (card-local); a type's free instances are the VFs without a vGPU that list it, its maximum
 * those plus the VFs already holding it.
 */
final class VendorVfioCollector
{
    static final String DEVICES = "/sys/bus/pci/devices";

    private final HostFs fs;

    VendorVfioCollector(HostFs fs)
    {
        this.fs = fs;
    }

    /** The VFs of {@code gpu} that belong to the framework; unreadable VFs are skipped with a problem. */
    List<VendorVfioFunction> functions(PciDevice gpu, List<String> problems)
    {
        List<VendorVfioFunction> functions = new ArrayList<>();
        CreatableVgpuTypes previous = null;
        for (PciAddress vf : virtualFunctions(gpu)) {
            VendorVfioFunction function = function(vf, previous, problems);
            if (function != null) {
                functions.add(function);
                previous = function.table();
            }
        }
        return functions;
    }

    /** Whether any VF of {@code gpu} belongs to the framework: what {@link #functions} finds, stopping at the first. */
    boolean anyFunction(PciDevice gpu)
    {
        List<String> ignored = new ArrayList<>();
        for (PciAddress vf : virtualFunctions(gpu)) {
            if (function(vf, null, ignored) != null) {
                return true;
            }
        }
        return false;
    }

    private static List<PciAddress> virtualFunctions(PciDevice gpu)
    {
        return gpu.isBoundTo("nvidia") && gpu.sriov().isPresent() ? gpu.sriov().get().virtualFunctions() : List.of();
    }

    /**
     * One VF, or null when it has no vendor-VFIO files or could not be read (then with a problem).
     * The VFs of a card usually show the same table: an unchanged text reuses {@code previous}.
     */
    private VendorVfioFunction function(PciAddress vf, CreatableVgpuTypes previous, List<String> problems)
    {
        String directory = DEVICES + "/" + vf + "/nvidia";
        String creatablePath = directory + "/creatable_vgpu_types";
        try {
            // One read answers both "is it there" and "what does it say" (no exists() first).
            Optional<String> text = fs.read(creatablePath);
            if (text.isEmpty()) {
                return null;
            }
            String table = text.get();
            // Problems name the file, so only a clean table is shared.
            CreatableVgpuTypes creatable = previous != null && previous.problems().isEmpty() && previous.text().equals(table) ? previous
                    : CreatableVgpuTypes.parse(creatablePath, table);
            problems.addAll(creatable.problems());
            String currentPath = directory + "/current_vgpu_type";
            int current = SysfsValues.count(currentPath, fs.readRequired(currentPath));
            return new VendorVfioFunction(vf, current, creatable);
        }
        catch (VfioException e) {
            problems.add(e.getMessage() + "; VF " + vf + " skipped");
            return null;
        }
    }

    /** How many distinct vGPU types the VFs offer, and the name of the lowest-numbered one (null when none). */
    static Summary summary(List<VendorVfioFunction> functions)
    {
        Map<Integer, String> names = names(functions);
        return new Summary(names.size(), names.isEmpty() ? null : names.values().iterator().next());
    }

    record Summary(int types, String firstName)
    {
    }

    private static Map<Integer, String> names(List<VendorVfioFunction> functions)
    {
        Map<Integer, String> names = new TreeMap<>();
        CreatableVgpuTypes merged = null;
        for (VendorVfioFunction function : functions) {
            if (function.table() == merged) {
                continue;
            }
            merged = function.table();
            for (CreatableVgpuType type : function.creatable()) {
                names.putIfAbsent(type.id(), type.name());
            }
        }
        return names;
    }

    static List<VgpuType> types(PciAddress gpu, List<VendorVfioFunction> functions)
    {
        List<VgpuType> types = new ArrayList<>();
        for (Map.Entry<Integer, String> entry : names(functions).entrySet()) {
            int id = entry.getKey();
            String name = entry.getValue();
            int available = 0;
            int holding = 0;
            int maximum = 0;
            for (VendorVfioFunction function : functions) {
                boolean offers = function.offers(id);
                available += function.isFree() && offers ? 1 : 0;
                holding += function.currentType() == id ? 1 : 0;
                maximum += offers || function.currentType() == id ? 1 : 0;
            }
            OptionalLong framebuffer = VgpuProfileName.framebufferMib(name);
            Map<String, String> properties = new TreeMap<>();
            properties.put("short_name", VgpuProfileName.shortName(name));
            properties.put("created", Integer.toString(holding));
            Optional<String> series = VgpuProfileName.series(name);
            if (series.isPresent()) {
                properties.put("series", series.get());
            }
            properties.put("framebuffer", framebuffer.isPresent() ? "from the profile name" : "unknown: the profile name has no size suffix");
            types.add(new VgpuType(Integer.toString(id), name, gpu, Mechanism.VENDOR_VFIO, framebuffer.orElse(0), 0, Optional.empty(),
                    maximum, available, properties));
        }
        return types;
    }
}
