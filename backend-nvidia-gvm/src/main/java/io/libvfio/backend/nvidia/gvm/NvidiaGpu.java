package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.Gpu;
import io.libvfio.api.VgpuType;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One NVIDIA GPU as this backend sees it: the {@link Gpu} view, what its types come from (mdev
 * types, vendor-VFIO VFs), and the vendor files that had to be skipped. The vendor-VFIO type
 * list is built only when asked for: discovery needs just its size.
 */
record NvidiaGpu(Gpu gpu, List<VgpuType> mdevTypes, List<VendorVfioFunction> functions, List<String> problems)
{
    NvidiaGpu
    {
        requireNonNull(gpu, "gpu is null");
        mdevTypes = List.copyOf(requireNonNull(mdevTypes, "mdevTypes is null"));
        functions = List.copyOf(requireNonNull(functions, "functions is null"));
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
    }

    /** The types it offers now: mdev types, then vendor-VFIO types. */
    List<VgpuType> types()
    {
        List<VgpuType> types = new ArrayList<>(mdevTypes);
        types.addAll(VendorVfioCollector.types(gpu.address(), functions));
        return types;
    }
}
