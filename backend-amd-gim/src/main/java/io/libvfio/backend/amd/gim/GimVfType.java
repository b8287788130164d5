package io.libvfio.backend.amd.gim;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.VgpuType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one VF type of a GIM GPU: a VF with an equal share of the framebuffer.
 * <ul>
 * <li>id {@code <short name>-<framebuffer>M} ({@code S7150-2048M}), name the short name
 * ({@code S7150}: what LibVF.IO's {@code acceptableTypes} lists);</li>
 * <li>framebuffer per VF: legacy GIM's {@code vf_fb} when set, else (VRAM − {@code pf_fb}) / VFs;
 * open-source GIM: (VRAM − {@code pf_fb_size}) / VFs; rounded down to GIM's 16 MiB granularity
 * (GIM also reserves a small context save area and may raise the PF's share to its BAR size;
 * neither is subtracted here). VRAM comes from {@link MxgpuCard};</li>
 * <li>maximum instances = the VFs GIM enabled; free = those unbound or on vfio-pci (a VF bound to
 * another driver is taken);</li>
 * <li>legacy GIM's time slice is {@code sched_interval} ms (0 means GIM's default of 6 ms) plus
 * {@code sched_interval_us} µs; the open-source GIM's scheduler has no such setting.</li>
 * </ul>
 */
final class GimVfType
{
    static final long FB_GRANULARITY_MIB = 16;
    static final Duration DEFAULT_TIME_SLICE = Duration.ofMillis(6);
    private static final List<String> LEGACY_SCHEDULERS = List.of("round-robin solid", "predictable performance", "round-robin liquid");
    private static final List<String> OPEN_SCHEDULERS = List.of("", "HW solid", "HW liquid", "SW fairness", "SW round robin", "hybrid liquid");

    private GimVfType()
    {
    }

    static VgpuType of(PciAddress gpu, String shortName, long vramMib, GimGeneration generation, GimSettings settings, int vfs, int free)
    {
        long framebuffer = framebufferPerVf(generation, settings, vramMib, vfs);
        Map<String, String> properties = new TreeMap<>();
        properties.put("vram_mib", Long.toString(vramMib));
        properties.put("gim", generation.description());
        properties.put("framebuffer", switch (generation) {
            case LEGACY -> settings.valueOr("vf_fb", 0) > 0 ? "vf_fb" : "(VRAM - pf_fb) / VFs";
            case OPEN -> "(VRAM - pf_fb_size) / VFs";
        });
        return new VgpuType("%s-%dM".formatted(shortName, framebuffer), shortName, gpu, Mechanism.SRIOV_VF, framebuffer, 0, Optional.empty(),
                vfs, free, properties);
    }

    static long framebufferPerVf(GimGeneration generation, GimSettings settings, long vram, int vfs)
    {
        long perVf = switch (generation) {
            case LEGACY -> settings.valueOr("vf_fb", 0) > 0 ? settings.valueOr("vf_fb", 0) : Math.max(0, vram - settings.valueOr("pf_fb", 0)) / vfs;
            case OPEN -> Math.max(0, vram - settings.valueOr("pf_fb_size", 0)) / vfs;
        };
        return perVf / FB_GRANULARITY_MIB * FB_GRANULARITY_MIB;
    }

    static Duration timeSlice(GimSettings settings)
    {
        long milliseconds = settings.valueOr("sched_interval", 0);
        Duration slice = milliseconds == 0 ? DEFAULT_TIME_SLICE : Duration.ofMillis(milliseconds);
        return slice.plusNanos(settings.valueOr("sched_interval_us", 0) * 1000);
    }

    static Optional<String> scheduler(GimGeneration generation, GimSettings settings)
    {
        return switch (generation) {
            case LEGACY -> settings.value("sched_option").stream().mapToObj(value -> LEGACY_SCHEDULERS.get((int) value)).findFirst();
            case OPEN -> settings.value("sch_policy").stream().mapToObj(value -> OPEN_SCHEDULERS.get((int) value)).findFirst();
        };
    }
}
