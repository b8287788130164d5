package io.libvfio.backend.amd.gim;

import io.libvfio.api.Gpu;
import io.libvfio.api.VgpuType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One AMD GPU as the GIM backend sees it: the {@link Gpu} view, its one VF type (when GIM serves
 * it), what had to be skipped, and GIM's scheduler time slice.
 */
record GimGpu(Gpu gpu, List<VgpuType> types, List<String> problems, Optional<Duration> timeSlice)
{
    GimGpu
    {
        requireNonNull(gpu, "gpu is null");
        types = List.copyOf(requireNonNull(types, "types is null"));
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
        requireNonNull(timeSlice, "timeSlice is null");
    }
}
