package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.Gpu;
import io.libvfio.api.VgpuType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One NVIDIA GPU as this backend sees it: the {@link Gpu} view, the types it offers now, and
 * the vendor files that had to be skipped.
 */
record NvidiaGpu(Gpu gpu, List<VgpuType> types, List<String> problems)
{
    NvidiaGpu
    {
        requireNonNull(gpu, "gpu is null");
        types = List.copyOf(requireNonNull(types, "types is null"));
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
    }
}
