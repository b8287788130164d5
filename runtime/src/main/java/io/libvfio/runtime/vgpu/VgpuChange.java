package io.libvfio.runtime.vgpu;

import io.libvfio.runtime.host.HostWrite;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a create or destroy did (or, in a dry run, would do): the vGPU and every host write, in
 * order.
 *
 * @param entry the vGPU made, or the one destroyed
 * @param writes the writes made (or planned), rollback writes included
 */
public record VgpuChange(VgpuEntry entry, List<FunctionBinding> bindings, List<HostWrite> writes, boolean dryRun)
{
    public VgpuChange
    {
        requireNonNull(entry, "entry is null");
        bindings = List.copyOf(requireNonNull(bindings, "bindings is null"));
        writes = List.copyOf(requireNonNull(writes, "writes is null"));
    }
}
