package io.libvfio.runtime.vgpu;

import io.libvfio.api.VirtualGpu;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One vGPU as {@code libvfio vgpus} lists it: the instance, the backend it belongs to, whether
 * libvfio made it, and libvfio's record when it has one.
 */
public record VgpuEntry(VirtualGpu instance, String backend, VgpuState state, Optional<VgpuRecord> record)
{
    public VgpuEntry
    {
        requireNonNull(instance, "instance is null");
        requireNonNull(backend, "backend is null");
        requireNonNull(state, "state is null");
        requireNonNull(record, "record is null");
    }

    public String id()
    {
        return instance.id();
    }
}
