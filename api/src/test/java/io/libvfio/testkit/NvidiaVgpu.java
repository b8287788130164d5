package io.libvfio.testkit;

import java.util.List;
import java.util.function.Consumer;

/**
 * NVIDIA vGPU files as the host driver shows them (spec §5.1, §5.3): the one-line mdev type
 * {@code description}, and the {@code nvidia/creatable_vgpu_types} / {@code current_vgpu_type}
 * pair of a VF under the vendor-specific VFIO framework.
 */
public final class NvidiaVgpu
{
    /** The header line of {@code creatable_vgpu_types}. */
    public static final String CREATABLE_HEADER = "ID    : vGPU Name";

    /** One row of {@code creatable_vgpu_types}: a card-local type id and its full name. */
    public record TypeRow(int id, String name)
    {
    }

    /** The L40S list of a real host with vGPU 17 (driver listing of {@code 0000:3d:00.4}). */
    public static final List<TypeRow> L40S_TYPES = List.of(
            new TypeRow(1145, "NVIDIA L40S-1B"),
            new TypeRow(1146, "NVIDIA L40S-2B"),
            new TypeRow(1147, "NVIDIA L40S-1Q"),
            new TypeRow(1148, "NVIDIA L40S-2Q"),
            new TypeRow(1149, "NVIDIA L40S-3Q"),
            new TypeRow(1150, "NVIDIA L40S-4Q"),
            new TypeRow(1151, "NVIDIA L40S-6Q"),
            new TypeRow(1152, "NVIDIA L40S-8Q"),
            new TypeRow(1153, "NVIDIA L40S-12Q"),
            new TypeRow(1154, "NVIDIA L40S-16Q"),
            new TypeRow(1155, "NVIDIA L40S-24Q"),
            new TypeRow(1156, "NVIDIA L40S-48Q"),
            new TypeRow(1157, "NVIDIA L40S-1A"),
            new TypeRow(1158, "NVIDIA L40S-2A"),
            new TypeRow(1159, "NVIDIA L40S-3A"),
            new TypeRow(1160, "NVIDIA L40S-4A"),
            new TypeRow(1161, "NVIDIA L40S-6A"),
            new TypeRow(1162, "NVIDIA L40S-8A"),
            new TypeRow(1163, "NVIDIA L40S-12A"),
            new TypeRow(1164, "NVIDIA L40S-16A"),
            new TypeRow(1165, "NVIDIA L40S-24A"),
            new TypeRow(1166, "NVIDIA L40S-48A"),
            new TypeRow(2164, "NVIDIA L40S-3B"));

    private NvidiaVgpu()
    {
    }

    /**
     * The text of {@code creatable_vgpu_types} without its final newline: the header, then one
     * {@code "%-5d : %s"} row per type, one per line.
     */
    public static String creatableVgpuTypes(List<TypeRow> types)
    {
        StringBuilder text = new StringBuilder(CREATABLE_HEADER);
        for (TypeRow type : types) {
            text.append('\n').append("%-5d : %s".formatted(type.id(), type.name()));
        }
        return text.toString();
    }

    /**
     * The mdev type {@code description} without its newline, e.g.
     * {@code num_heads=4, frl_config=60, framebuffer=2048M, max_resolution=4096x2160, max_instance=4}.
     */
    public static String mdevDescription(int heads, int frlConfig, long framebufferMib, int maxResolutionX, int maxResolutionY, int maxInstances)
    {
        return "num_heads=%d, frl_config=%d, framebuffer=%dM, max_resolution=%dx%d, max_instance=%d"
                .formatted(heads, frlConfig, framebufferMib, maxResolutionX, maxResolutionY, maxInstances);
    }

    /**
     * Customizes a VF as the vendor-specific VFIO framework leaves it after {@code sriov-manage -e}:
     * bound to {@code nvidia}, with {@code nvidia/creatable_vgpu_types} and
     * {@code nvidia/current_vgpu_type} {@code 0}.
     */
    public static Consumer<PciFunctionSpec> vendorVfioVf(List<TypeRow> creatable)
    {
        String types = creatableVgpuTypes(creatable);
        return vf -> vf.driver("nvidia")
                .attribute("nvidia/creatable_vgpu_types", types)
                .attribute("nvidia/current_vgpu_type", "0");
    }
}
