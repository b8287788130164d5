package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.SriovInfo;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.spi.HostFs;

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
        if (!gpu.isBoundTo("nvidia") || gpu.sriov().isEmpty()) {
            return functions;
        }
        for (PciAddress vf : gpu.sriov().map(SriovInfo::virtualFunctions).orElse(List.of())) {
            String directory = DEVICES + "/" + vf + "/nvidia";
            String creatablePath = directory + "/creatable_vgpu_types";
            if (!fs.exists(creatablePath)) {
                continue;
            }
            try {
                CreatableVgpuTypes creatable = CreatableVgpuTypes.parse(creatablePath, fs.read(creatablePath).orElse(""));
                problems.addAll(creatable.problems());
                String currentPath = directory + "/current_vgpu_type";
                int current = VendorAttributes.count(currentPath, fs.readRequired(currentPath));
                functions.add(new VendorVfioFunction(vf, current, creatable.types()));
            }
            catch (VfioException e) {
                problems.add(e.getMessage() + "; VF %s skipped".formatted(vf));
            }
        }
        return functions;
    }

    static List<VgpuType> types(PciAddress gpu, List<VendorVfioFunction> functions)
    {
        Map<Integer, String> names = new TreeMap<>();
        for (VendorVfioFunction function : functions) {
            for (CreatableVgpuType type : function.creatable()) {
                names.putIfAbsent(type.id(), type.name());
            }
        }
        List<VgpuType> types = new ArrayList<>();
        for (Map.Entry<Integer, String> entry : names.entrySet()) {
            int id = entry.getKey();
            String name = entry.getValue();
            int available = (int) functions.stream().filter(function -> function.isFree() && function.offers(id)).count();
            int holding = (int) functions.stream().filter(function -> function.currentType() == id).count();
            int maximum = (int) functions.stream().filter(function -> function.offers(id) || function.currentType() == id).count();
            OptionalLong framebuffer = VgpuProfileName.framebufferMib(name);
            Map<String, String> properties = new TreeMap<>();
            properties.put("short_name", VgpuProfileName.shortName(name));
            properties.put("created", Integer.toString(holding));
            VgpuProfileName.series(name).ifPresent(series -> properties.put("series", series));
            properties.put("framebuffer", framebuffer.isPresent() ? "from the profile name" : "unknown: the profile name has no size suffix");
            types.add(new VgpuType(Integer.toString(id), name, gpu, Mechanism.VENDOR_VFIO, framebuffer.orElse(0), 0, Optional.empty(),
                    maximum, available, properties));
        }
        return types;
    }
}
