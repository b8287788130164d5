package io.libvfio.runtime.vgpu;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Every vGPU on the host, and a warning for each backend that could not list its own. */
public record VgpuList(List<VgpuEntry> entries, List<String> warnings)
{
    public VgpuList
    {
        entries = List.copyOf(requireNonNull(entries, "entries is null"));
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
    }
}
