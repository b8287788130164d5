package io.libvfio.testkit;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The tree work of mediated devices (sysfs-spec §2.1): the device directory under its parent,
 * its links, its emulated IOMMU group and {@code /dev/vfio} node, and their removal.
 */
final class MdevDevices
{
    static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String BUS_DEVICES = "sys/bus/mdev/devices/";

    private final KernelTree tree;
    private final VfioGroupNodes nodes;
    private final IommuGroupIds groupIds;

    MdevDevices(KernelTree tree, VfioGroupNodes nodes, IommuGroupIds groupIds)
    {
        this.tree = requireNonNull(tree, "tree is null");
        this.nodes = requireNonNull(nodes, "nodes is null");
        this.groupIds = requireNonNull(groupIds, "groupIds is null");
    }

    /** True when a directory is an mdev device: a UUID-named directory with an {@code mdev_type} link. */
    boolean isDevice(String directory)
    {
        String name = directory.substring(directory.lastIndexOf('/') + 1);
        return UUID.matcher(name).matches() && tree.linkName(directory + "/mdev_type").isPresent();
    }

    /** True when any mdev on the system, under any parent, has this (lowercase) UUID. */
    boolean inUse(String uuid)
    {
        if (tree.entryExists(BUS_DEVICES + uuid)) {
            return true;
        }
        for (String parent : tree.names("sys/class/mdev_bus")) {
            if (tree.entryExists("sys/class/mdev_bus/" + parent + "/" + uuid)) {
                return true;
            }
        }
        return false;
    }

    /** The mdev devices that are children of a parent directory. */
    List<String> children(String parentDirectory)
    {
        return tree.names(parentDirectory).stream().filter(name -> isDevice(parentDirectory + "/" + name)).toList();
    }

    /** Number of instances of a type: the entries of its {@code devices/} directory. */
    int instances(String typeDirectory)
    {
        return tree.names(typeDirectory + "/devices").size();
    }

    void create(String parentDirectory, String type, String uuid, String driver)
    {
        String device = parentDirectory + "/" + uuid;
        String typeDirectory = parentDirectory + "/mdev_supported_types/" + type;
        tree.writeText(device + "/remove", "");
        tree.link(device + "/mdev_type", typeDirectory);
        tree.mkdirs("sys/bus/mdev/drivers/" + driver);
        tree.link(device + "/driver", "sys/bus/mdev/drivers/" + driver);
        tree.link(device + "/subsystem", "sys/bus/mdev");
        String group = Integer.toString(groupIds.next());
        String groupDirectory = VfioGroupNodes.GROUPS + group;
        // an emulated group: named, with no default domain ("unknown") and no reserved regions
        tree.store(groupDirectory + "/name", "vfio-noiommu");
        tree.store(groupDirectory + "/type", "unknown");
        tree.writeText(groupDirectory + "/reserved_regions", "");
        tree.link(groupDirectory + "/devices/" + uuid, device);
        tree.link(device + "/iommu_group", groupDirectory);
        tree.link(BUS_DEVICES + uuid, device);
        tree.link(typeDirectory + "/devices/" + uuid, device);
        nodes.refresh(group);
    }

    /** Removes an mdev device directory and every link to it, its group and its {@code /dev/vfio} node. */
    void destroy(String device)
    {
        String uuid = device.substring(device.lastIndexOf('/') + 1);
        String parentDirectory = device.substring(0, device.lastIndexOf('/'));
        Optional<String> type = tree.linkName(device + "/mdev_type");
        Optional<String> group = tree.linkName(device + "/iommu_group");
        tree.delete(BUS_DEVICES + uuid);
        type.ifPresent(name -> tree.delete(parentDirectory + "/mdev_supported_types/" + name + "/devices/" + uuid));
        group.ifPresent(name -> tree.deleteTree(VfioGroupNodes.GROUPS + name));
        tree.deleteTree(device);
        nodes.refresh(group);
    }
}
