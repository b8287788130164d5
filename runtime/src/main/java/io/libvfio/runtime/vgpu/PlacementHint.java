package io.libvfio.runtime.vgpu;

import io.libvfio.api.ScheduleHint;

import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * Where a VM using a GPU should run: the backend's schedule hint (NUMA node, CPUs to pin, vendor
 * weight or time slice) and the NUMA node to take hugepages from.
 *
 * @param backend the backend that gave the hint, empty for a GPU no backend shares
 * @param hugepageNode the GPU's node when it has free hugepages, else the node with the most
 * @param freeHugepagesKib free hugepages on that node
 */
public record PlacementHint(ScheduleHint schedule, Optional<String> backend, OptionalInt hugepageNode, long freeHugepagesKib)
{
    public PlacementHint
    {
        requireNonNull(schedule, "schedule is null");
        requireNonNull(backend, "backend is null");
        requireNonNull(hugepageNode, "hugepageNode is null");
    }
}
