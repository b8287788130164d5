package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.Gpu;
import io.libvfio.api.VgpuType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** One Intel GPU as GVT-g sees it: the {@link Gpu} view, its types, and what had to be skipped. */
record GvtgGpu(Gpu gpu, List<VgpuType> types, List<String> problems)
{
    GvtgGpu
    {
        requireNonNull(gpu, "gpu is null");
        types = List.copyOf(requireNonNull(types, "types is null"));
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
    }
}
