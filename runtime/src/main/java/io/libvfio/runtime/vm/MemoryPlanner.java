package io.libvfio.runtime.vm;

import io.libvfio.api.HostInventory;
import io.libvfio.api.HugePages;
import io.libvfio.api.NumaNode;
import io.libvfio.api.ScheduleHint;
import io.libvfio.runtime.vm.qemu.MemoryBacking;

import java.util.Optional;

/**
 * Hugepages for a VM's memory on its GPU's NUMA node, when that node has enough free pages of
 * one size (largest size first) and hugetlbfs is mounted; otherwise ordinary memory, with the
 * reason.
 */
final class MemoryPlanner
{
    static final String HUGETLBFS = "/dev/hugepages";

    private MemoryPlanner()
    {
    }

    static Optional<MemoryBacking> plan(int memoryMib, Optional<ScheduleHint> hint, HostInventory inventory, boolean hugetlbfsMounted, StringBuilder why)
    {
        if (hint.isEmpty() || hint.get().numaNode().isEmpty()) {
            why.append("no GPU NUMA node known: ordinary memory");
            return Optional.empty();
        }
        int node = hint.get().numaNode().getAsInt();
        long neededKib = memoryMib * 1024L;
        for (NumaNode numa : inventory.numaNodes()) {
            if (numa.id() != node) {
                continue;
            }
            HugePages best = null;
            for (HugePages pages : numa.hugePages()) {
                if (pages.free() * pages.pageSizeKib() >= neededKib && neededKib % pages.pageSizeKib() == 0
                        && (best == null || pages.pageSizeKib() > best.pageSizeKib())) {
                    best = pages;
                }
            }
            if (best == null) {
                why.append("NUMA node ").append(node).append(" has fewer than ").append(memoryMib).append(" MiB of free hugepages: ordinary memory");
                return Optional.empty();
            }
            if (!hugetlbfsMounted) {
                why.append("no hugetlbfs at ").append(HUGETLBFS).append(": ordinary memory");
                return Optional.empty();
            }
            why.append(memoryMib).append(" MiB of ").append(best.pageSizeKib()).append(" KiB hugepages on NUMA node ").append(node);
            return Optional.of(new MemoryBacking(node, best.pageSizeKib(), HUGETLBFS));
        }
        why.append("NUMA node ").append(node).append(" not found: ordinary memory");
        return Optional.empty();
    }
}
