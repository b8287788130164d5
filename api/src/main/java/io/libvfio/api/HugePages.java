package io.libvfio.api;

/** One hugepage size on one NUMA node: {@code hugepages-<size>kB/{nr,free}_hugepages}. */
public record HugePages(long pageSizeKib, long total, long free)
{
}
