package io.libvfio.testkit;

import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Keeps {@code /dev/vfio/<group>} in step with the IOMMU groups (sysfs-spec §1.6): the node exists
 * while a member of the group is bound to a VFIO driver, and for every emulated mdev group
 * (named {@code vfio-noiommu}). An empty {@code /dev/vfio} is removed, so a tree returns to its
 * exact former state when the last node goes.
 */
final class VfioGroupNodes
{
    static final String GROUPS = "sys/kernel/iommu_groups/";
    private static final String DEV_VFIO = "dev/vfio";
    /** Non-VFIO drivers with {@code driver_managed_dma}: they leave a group viable. */
    private static final Set<String> DMA_MANAGING = Set.of("pci-stub", "pcieport");

    private final KernelTree tree;

    VfioGroupNodes(KernelTree tree)
    {
        this.tree = requireNonNull(tree, "tree is null");
    }

    /** vfio-pci and its variant drivers ({@code mlx5_vfio_pci}, {@code nvgrace-gpu-vfio-pci}, ...). */
    static boolean isVfioDriver(String driver)
    {
        return driver.equals("vfio-pci") || driver.endsWith("_vfio_pci") || driver.endsWith("-vfio-pci");
    }

    void refresh(Optional<String> group)
    {
        group.ifPresent(this::refresh);
    }

    void refresh(String group)
    {
        String node = DEV_VFIO + "/" + group;
        if (wanted(group)) {
            if (!tree.entryExists(node)) {
                tree.writeText(node, "");
            }
            return;
        }
        if (tree.entryExists(node)) {
            tree.delete(node);
            if (tree.names(DEV_VFIO).isEmpty()) {
                tree.delete(DEV_VFIO);
            }
        }
    }

    /**
     * What {@code VFIO_GROUP_GET_STATUS} reports as {@code VFIO_GROUP_FLAGS_VIABLE} for an opened
     * {@code /dev/vfio/<group>} (sysfs-spec §7.2, 5.19+): true unless a member is bound to a driver
     * that uses the kernel's DMA API, i.e. one other than a VFIO driver, {@code pci-stub} and
     * {@code pcieport}; an emulated mdev group is always viable. Empty when there is no node to open.
     */
    Optional<Boolean> viable(String group)
    {
        if (!tree.entryExists(DEV_VFIO + "/" + group)) {
            return Optional.empty();
        }
        String directory = GROUPS + group;
        for (String member : tree.names(directory + "/devices")) {
            Optional<String> driver = tree.linkName(directory + "/devices/" + member + "/driver");
            if (driver.filter(name -> !isVfioDriver(name) && !DMA_MANAGING.contains(name)).isPresent()
                    && !tree.value(directory + "/name").filter("vfio-noiommu"::equals).isPresent()) {
                return Optional.of(false);
            }
        }
        return Optional.of(true);
    }

    private boolean wanted(String group)
    {
        String directory = GROUPS + group;
        if (!tree.isDirectory(directory)) {
            return false;
        }
        if (tree.value(directory + "/name").filter("vfio-noiommu"::equals).isPresent()) {
            return true;
        }
        for (String member : tree.names(directory + "/devices")) {
            String device = directory + "/devices/" + member;
            Optional<String> driver = tree.linkName(device + "/driver");
            if (driver.filter(VfioGroupNodes::isVfioDriver).isPresent()) {
                return true;
            }
            // NVIDIA vendor VFIO (§5.3): a VF on "nvidia" is itself a vfio-pci-core device.
            if (driver.filter("nvidia"::equals).isPresent() && tree.exists(device + "/nvidia/current_vgpu_type")) {
                return true;
            }
        }
        return false;
    }
}
