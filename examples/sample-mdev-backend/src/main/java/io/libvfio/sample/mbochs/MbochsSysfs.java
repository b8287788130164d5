package io.libvfio.sample.mbochs;

/**
 * Where the kernel's {@code mbochs} sample driver shows itself in sysfs (Linux 6.1+, as the test
 * bed's real kernel has it). The parent is a virtual device, not a PCI function:
 * <pre>
 * /sys/class/mdev_bus/mbochs -> ../../devices/virtual/mbochs/mbochs
 * /sys/devices/virtual/mbochs/mbochs/mdev_supported_types/mbochs-{small,medium,large}/
 *     name ("mbochs-small"), description ("virtual display, 4 MB video memory"),
 *     available_instances, device_api ("vfio-pci"), create, devices/
 * /sys/bus/mdev/devices/&lt;uuid&gt;/{remove,mdev_type,iommu_group,driver}
 * /sys/module/mbochs/parameters/count   the video memory all instances share, in MB (256)
 * </pre>
 * Every path is relative to the host root: a backend reads and writes only through its
 * {@code BackendContext}'s {@code HostFs}, never {@code java.io} on {@code /sys}.
 */
final class MbochsSysfs
{
    /** The parent's name under {@code /sys/class/mdev_bus}, and the GPU's name in libvfio. */
    static final String PARENT = "mbochs";
    static final String PARENT_DIRECTORY = "/sys/class/mdev_bus/" + PARENT;
    static final String TYPES = PARENT_DIRECTORY + "/mdev_supported_types";
    /** The module parameter with the shared video memory, in MB; absent on kernels that do not show it. */
    static final String MEMORY = "/sys/module/mbochs/parameters/count";
    private static final String MDEV_DEVICES = "/sys/bus/mdev/devices/";

    private MbochsSysfs()
    {
    }

    static String type(String typeId)
    {
        return TYPES + "/" + typeId;
    }

    static String create(String typeId)
    {
        return type(typeId) + "/create";
    }

    /** The mdev's device directory, also what QEMU's {@code vfio-pci,sysfsdev=} takes. */
    static String device(String uuid)
    {
        return MDEV_DEVICES + uuid;
    }

    static String remove(String uuid)
    {
        return device(uuid) + "/remove";
    }
}
