package io.libvfio.testkit;

import io.libvfio.api.PciAddress;

import java.util.ArrayList;
import java.util.List;

/**
 * The Intel GVT-g mdev types i915 registers once {@code kvmgt} is loaded (spec §3): the fixed
 * table of 8, 4, 2 and 1 instances, cut at the first type whose low GM does not fit, with
 * {@code available_instances} from the remaining aperture, hidden GM and fences.
 */
public final class IntelGvtg
{
    /** Host reservations of i915/gvt/gvt.h: low GM (aperture) MiB, high GM MiB, fences. */
    static final int HOST_LOW_GM_MIB = 128;
    static final int HOST_HIGH_GM_MIB = 384;
    static final int HOST_FENCES = 4;

    /** One row of {@code intel_vgpu_configs[]}. */
    public record Config(int instances, int lowGmMib, int highGmMib, int fences, String resolution, int weight)
    {
        public String name(int graphicsVersion)
        {
            return "GVTg_V%d_%d".formatted(graphicsVersion == 8 ? 4 : 5, instances);
        }

        public String description()
        {
            return "low_gm_size: %dMB\nhigh_gm_size: %dMB\nfence: %d\nresolution: %s\nweight: %d"
                    .formatted(lowGmMib, highGmMib, fences, resolution, weight);
        }
    }

    public static final List<Config> CONFIGS = List.of(
            new Config(8, 64, 384, 4, "1024x768", 2),
            new Config(4, 128, 512, 4, "1920x1200", 4),
            new Config(2, 256, 1024, 4, "1920x1200", 8),
            new Config(1, 512, 2048, 4, "1920x1200", 16));

    private IntelGvtg()
    {
    }

    /**
     * Adds the types of an iGPU with no vGPU created yet.
     *
     * @param apertureMib the mappable GGTT (BIOS "aperture size"), e.g. 256
     * @param ggttMib the whole GGTT, 4096 on Gen8/9
     * @param fences fence registers, 32 on Gen9
     * @param graphicsVersion 8 (Broadwell, {@code V4} names) or 9 ({@code V5})
     * @return the type directory names, in the driver's order
     */
    public static List<String> addTypes(SimulatedHost host, PciAddress igpu, int apertureMib, int ggttMib, int fences, int graphicsVersion)
    {
        int lowAvailable = apertureMib - HOST_LOW_GM_MIB;
        int highAvailable = ggttMib - apertureMib - HOST_HIGH_GM_MIB;
        int fencesAvailable = fences - HOST_FENCES;
        List<String> types = new ArrayList<>();
        for (Config config : CONFIGS) {
            if (lowAvailable / config.lowGmMib() == 0) {
                break;
            }
            int available = Math.min(lowAvailable / config.lowGmMib(), Math.min(highAvailable / config.highGmMib(), fencesAvailable / config.fences()));
            String name = config.name(graphicsVersion);
            host.mdevType(igpu, "i915-" + name, name, config.description(), available);
            types.add("i915-" + name);
        }
        return types;
    }
}
