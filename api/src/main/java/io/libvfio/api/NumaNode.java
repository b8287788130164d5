package io.libvfio.api;

import java.util.List;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/** A NUMA node with its CPUs, memory and hugepages. */
public record NumaNode(int id, CpuList cpus, OptionalLong memTotalKib, List<HugePages> hugePages)
{
    public NumaNode
    {
        requireNonNull(cpus, "cpus is null");
        requireNonNull(memTotalKib, "memTotalKib is null");
        hugePages = List.copyOf(requireNonNull(hugePages, "hugePages is null"));
    }

    public long freeHugePagesKib()
    {
        return hugePages.stream().mapToLong(pages -> pages.free() * pages.pageSizeKib()).sum();
    }
}
