package io.libvfio.runtime.doctor;

import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.runtime.GpuReport;

import java.util.ArrayList;
import java.util.List;

/**
 * Without a VM file: whether at least one GPU slice is free, i.e. some shareable GPU has a vGPU
 * type with a free instance. Whole-GPU passthrough is not a slice.
 */
final class GpuSlicesCheck
        implements DoctorCheck
{
    private static final int TYPES_SHOWN = 3;

    @Override
    public String id()
    {
        return "slices";
    }

    @Override
    public String title()
    {
        return "Free GPU slices";
    }

    @Override
    public List<Check> run(DoctorHost host)
    {
        List<String> gpus = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int shareable = 0;
        for (GpuReport gpu : host.gpus()) {
            if (gpu.backend().isEmpty()) {
                continue;
            }
            shareable++;
            List<VgpuType> free = new ArrayList<>();
            try {
                for (VgpuType type : host.types(gpu)) {
                    if (type.availableInstances() > 0) {
                        free.add(type);
                    }
                }
            }
            catch (VfioException e) {
                errors.add(e.getMessage());
                continue;
            }
            if (!free.isEmpty()) {
                gpus.add(gpu.device().address() + ": " + describe(free));
            }
        }
        if (!gpus.isEmpty()) {
            return List.of(Check.pass(id(), title(), "on %d GPU%s: %s".formatted(gpus.size(), gpus.size() == 1 ? "" : "s", String.join("; ", gpus))));
        }
        if (!errors.isEmpty()) {
            return List.of(Check.unknown(id(), title(), "the vGPU types could not be read: " + String.join("; ", errors)));
        }
        if (shareable == 0) {
            return List.of(Check.fail(id(), title(), "no GPU here can be split into vGPUs (whole-GPU passthrough is not a slice)",
                    "see the GPU and driver findings above for why, and what would change it"));
        }
        return List.of(Check.fail(id(), title(), "every vGPU type of the shareable GPUs is in use", "stop a VM that holds a vGPU"));
    }

    private static String describe(List<VgpuType> types)
    {
        List<String> shown = new ArrayList<>();
        for (VgpuType type : types.subList(0, Math.min(TYPES_SHOWN, types.size()))) {
            shown.add("%s (%d MiB, %d free)".formatted(Fixes.typeLabel(type), type.framebufferMib(), type.availableInstances()));
        }
        return String.join(", ", shown) + (types.size() > TYPES_SHOWN ? " and %d more types".formatted(types.size() - TYPES_SHOWN) : "");
    }
}
