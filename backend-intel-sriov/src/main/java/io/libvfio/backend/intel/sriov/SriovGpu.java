package io.libvfio.backend.intel.sriov;

import io.libvfio.api.Gpu;
import io.libvfio.api.VgpuType;

import java.util.List;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * One Intel GPU as the SR-IOV backend sees it: the {@link Gpu} view, its VF profiles, what had to
 * be skipped, and the PF's execution quantum for schedule hints.
 */
record SriovGpu(Gpu gpu, List<VgpuType> types, List<String> problems, OptionalInt execQuantumMs)
{
    SriovGpu
    {
        requireNonNull(gpu, "gpu is null");
        types = List.copyOf(requireNonNull(types, "types is null"));
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
        requireNonNull(execQuantumMs, "execQuantumMs is null");
    }
}
