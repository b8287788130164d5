package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.Mechanism;
import io.libvfio.api.MdevParent;
import io.libvfio.api.MdevType;
import io.libvfio.api.PciAddress;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The GVT-g types of an iGPU's mdev parent (sysfs-spec §3), with sizes from their descriptions.
 * <ul>
 * <li>framebuffer = low_gm_size + high_gm_size: all the graphics memory the guest's driver can
 * allocate (aperture and hidden); a guest has no other video memory;</li>
 * <li>heads = 1 (GVT-g gives one virtual display), max resolution = {@code resolution};</li>
 * <li>maximum instances = the count when nothing is created, estimated as the free instances plus
 * the aperture (low_gm) that the existing vGPUs of every type hold, in this type's units;</li>
 * <li>the scheduler weight stays a type property: GPU-level schedule hints carry none.</li>
 * </ul>
 */
final class GvtgTypeCollector
{
    static final String MDEV_BUS = "/sys/class/mdev_bus";
    private static final String PREFIX = "i915-";

    private GvtgTypeCollector()
    {
    }

    static List<VgpuType> collect(PciAddress gpu, MdevParent parent, List<String> problems)
    {
        Map<MdevType, GvtgDescription> parsed = new TreeMap<>(Comparator.comparing(MdevType::id));
        for (MdevType type : parent.types()) {
            String path = MDEV_BUS + "/" + parent.name() + "/mdev_supported_types/" + type.id() + "/description";
            if (type.description().isEmpty()) {
                problems.add("%s: missing; GVT-g type %s skipped".formatted(path, type.id()));
                continue;
            }
            try {
                parsed.put(type, GvtgDescription.parse(path, type.description().get()));
            }
            catch (VfioException e) {
                problems.add(e.getMessage() + "; GVT-g type %s skipped".formatted(type.id()));
            }
        }
        long apertureInUse = parsed.entrySet().stream().mapToLong(entry -> entry.getKey().devices().size() * entry.getValue().lowGmMib()).sum();
        List<VgpuType> types = new ArrayList<>();
        parsed.forEach((type, description) -> types.add(toType(gpu, type, description, apertureInUse)));
        types.sort(Comparator.comparingLong(VgpuType::framebufferMib).thenComparing(VgpuType::id));
        return types;
    }

    private static VgpuType toType(PciAddress gpu, MdevType type, GvtgDescription description, long apertureInUse)
    {
        String name = type.name().orElse(type.id().startsWith(PREFIX) ? type.id().substring(PREFIX.length()) : type.id());
        long freedByExisting = description.lowGmMib() == 0 ? 0 : apertureInUse / description.lowGmMib();
        int maxInstances = (int) Math.min(Integer.MAX_VALUE, type.availableInstances() + freedByExisting);
        Map<String, String> properties = new TreeMap<>();
        properties.put("low_gm_mib", Long.toString(description.lowGmMib()));
        properties.put("high_gm_mib", Long.toString(description.highGmMib()));
        properties.put("fence", Integer.toString(description.fences()));
        properties.put("weight", Integer.toString(description.weight()));
        properties.put("created", Integer.toString(type.devices().size()));
        properties.put("device_api", type.deviceApi());
        return new VgpuType(type.id(), name, gpu, Mechanism.MDEV, description.graphicsMemoryMib(), 1, Optional.of(description.resolution()),
                maxInstances, type.availableInstances(), properties);
    }
}
