package io.libvfio.runtime.vm.qemu;

/**
 * Guest memory from hugepages on one host NUMA node (the GPU's), bound there.
 *
 * @param mountPoint the hugetlbfs mount, a host path resolved under the root
 */
public record MemoryBacking(int hostNode, long pageSizeKib, String mountPoint)
{
}
