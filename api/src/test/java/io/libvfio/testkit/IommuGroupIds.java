package io.libvfio.testkit;

import java.util.BitSet;

import static java.util.Objects.requireNonNull;

/**
 * Ids for the IOMMU groups the fake kernel creates (VFs, emulated mdev groups). The kernel takes
 * them from an IDA: the lowest free id, so a freed VF's or mdev's id is taken again (real 6.1,
 * examples/testbed). The ids up to the highest one of the tree the fake kernel started with
 * count as taken, since a simulated host need not model every device a real one has.
 */
final class IommuGroupIds
{
    private final KernelTree tree;
    private final int baseline;

    IommuGroupIds(KernelTree tree)
    {
        this.tree = requireNonNull(tree, "tree is null");
        this.baseline = tree.host().iommuGroupIds().length();
    }

    /** The lowest id above the starting tree's that no group has now. */
    int next()
    {
        BitSet used = tree.host().iommuGroupIds();
        return used.nextClearBit(baseline);
    }
}
