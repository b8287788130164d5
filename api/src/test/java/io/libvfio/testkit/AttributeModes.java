package io.libvfio.testkit;

import java.util.Set;

/**
 * The mode of a sysfs attribute, decided from its name and place (git keeps no file modes).
 * kernfs enforces modes even for root (sysfs-spec §0): reading a 0200 file or writing a 0444
 * file fails with EACCES. Anything not listed is 0644.
 */
final class AttributeModes
{
    enum Mode
    {
        READ_ONLY(true, false),
        WRITE_ONLY(false, true),
        READ_WRITE(true, true);

        private final boolean readable;
        private final boolean writable;

        Mode(boolean readable, boolean writable)
        {
            this.readable = readable;
            this.writable = writable;
        }

        boolean readable()
        {
            return readable;
        }

        boolean writable()
        {
            return writable;
        }
    }

    /** 0200 everywhere: driver and bus actions, device actions, mdev create/remove. */
    private static final Set<String> WRITE_ONLY = Set.of(
            "bind", "unbind", "new_id", "remove_id", "drivers_probe", "rescan", "remove", "reset", "create");

    /** 0444 (or 0400) everywhere. */
    private static final Set<String> READ_ONLY = Set.of(
            // PCI function (§1.1, §1.2)
            "vendor", "device", "subsystem_vendor", "subsystem_device", "class", "revision", "irq",
            "local_cpulist", "local_cpus", "modalias", "boot_vga", "resource", "msi_bus_info",
            "current_link_speed", "current_link_width", "max_link_speed", "max_link_width",
            "sriov_totalvfs", "sriov_offset", "sriov_stride", "sriov_vf_device", "sriov_vf_total_msix",
            // mdev types (§2.1) and NVIDIA vendor VFIO (§5.3)
            "available_instances", "name", "description", "device_api", "creatable_vgpu_types", "vgpu_id",
            // IOMMU groups (§1.6) and NUMA (§1.7)
            "reserved_regions", "cpulist", "cpumap", "distance", "meminfo", "numastat", "vmstat",
            "free_hugepages", "surplus_hugepages", "online", "possible", "has_cpu", "has_memory", "has_normal_memory",
            // Intel prelim_iov (§4.1) and AMD GIM (§6.2)
            "mode", "id", "reset_gpu", "spatial_partition_mode", "spatial_partition_caps");

    private AttributeModes()
    {
    }

    /** The mode of the attribute at a canonical (links resolved) root-relative path such as {@code sys/bus/pci/drivers_probe}. */
    static Mode of(String canonicalPath)
    {
        String name = canonicalPath.substring(canonicalPath.lastIndexOf('/') + 1);
        String parent = parentOf(canonicalPath);
        if (canonicalPath.startsWith("proc/") && !canonicalPath.startsWith("proc/sys/")) {
            return Mode.READ_ONLY;
        }
        if (WRITE_ONLY.contains(name)) {
            return Mode.WRITE_ONLY;
        }
        if (name.equals("uevent") && isDriverOrBusDirectory(parent)) {
            return Mode.WRITE_ONLY;
        }
        if (name.equals("control") && !canonicalPath.startsWith("sys/kernel/debug/")) {
            return Mode.WRITE_ONLY;
        }
        if (canonicalPath.contains("/sriov_admin/")) {
            if (name.equals("stop") || parent.endsWith("/.bulk_profile")) {
                return Mode.WRITE_ONLY;
            }
            if (name.equals("sched_priority") && canonicalPath.contains("/sriov_admin/vf")) {
                return Mode.READ_ONLY;
            }
        }
        if (READ_ONLY.contains(name) || name.endsWith("_free") || name.endsWith("_max_quota")) {
            return Mode.READ_ONLY;
        }
        return Mode.READ_WRITE;
    }

    /** {@code sys/bus/<bus>} or {@code sys/bus/<bus>/drivers/<driver>}. */
    private static boolean isDriverOrBusDirectory(String directory)
    {
        String[] parts = directory.split("/");
        boolean bus = parts.length == 3 && parts[0].equals("sys") && parts[1].equals("bus");
        boolean driver = parts.length == 5 && parts[0].equals("sys") && parts[1].equals("bus") && parts[3].equals("drivers");
        return bus || driver;
    }

    private static String parentOf(String path)
    {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
