package io.libvfio.runtime.vgpu;

import io.libvfio.api.GpuId;
import io.libvfio.api.NumaNode;
import io.libvfio.api.PciAddress;
import io.libvfio.api.ScheduleHint;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.registry.BackendStatus;

import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * {@code libvfio hint BDF}: the serving backend's schedule hint (or the one any PCI device gets
 * from its sysfs attributes, for a GPU no backend shares), and the NUMA node to take hugepages
 * from: the GPU's own when it has free hugepages, otherwise the node with the most.
 */
final class PlacementHints
{
    private final VfioRuntime runtime;

    PlacementHints(VfioRuntime runtime)
    {
        this.runtime = requireNonNull(runtime, "runtime is null");
    }

    PlacementHint hint(PciAddress gpu)
    {
        GpuReport report = runtime.gpu(gpu);
        ScheduleHint schedule = ScheduleHint.of(report.device());
        if (report.backend().isPresent()) {
            for (BackendStatus status : runtime.backends()) {
                if (status.name().equals(report.backend().get()) && status.backend().isPresent()) {
                    schedule = status.backend().get().scheduleHint(GpuId.of(gpu));
                }
            }
        }
        NumaNode best = null;
        for (NumaNode node : runtime.inventory().numaNodes()) {
            long free = node.freeHugePagesKib();
            boolean own = schedule.numaNode().isPresent() && schedule.numaNode().getAsInt() == node.id();
            if (free > 0 && (own || best == null || free > best.freeHugePagesKib()) && !(best != null && isOwn(schedule, best))) {
                best = node;
            }
        }
        return best == null
                ? new PlacementHint(schedule, report.backend(), OptionalInt.empty(), 0)
                : new PlacementHint(schedule, report.backend(), OptionalInt.of(best.id()), best.freeHugePagesKib());
    }

    private static boolean isOwn(ScheduleHint schedule, NumaNode node)
    {
        return schedule.numaNode().isPresent() && schedule.numaNode().getAsInt() == node.id();
    }
}
