package io.libvfio.backend.intel.sriov;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The xe devices with SR-IOV that this backend knows, with their VRAM: xe's sysfs gives per-VF
 * quotas ({@code vram_quota}, 7.0) but no total. Battlemage and Panther Lake are the platforms
 * that set {@code has_sriov} (sysfs-spec §4.2). Ids and sizes are from Intel's product pages and
 * the kernel's {@code xe_pci.c}; the Arc Pro B50/B60 ids are UNCONFIRMED. Other devices can be
 * given a size with the {@code vram-mib} setting.
 *
 * @param firstId the first PCI device id of the entry
 * @param lastId the last PCI device id of the entry
 * @param name the product name, for GPUs pci.ids does not know yet
 * @param vramMib the card's VRAM in MiB; 0 for an integrated GPU
 */
record XeDevice(int firstId, int lastId, String name, long vramMib)
{
    private static final List<XeDevice> KNOWN = List.of(
            new XeDevice(0xe20b, 0xe20b, "Intel Arc B580", 12 * 1024),
            new XeDevice(0xe20c, 0xe20c, "Intel Arc B570", 10 * 1024),
            new XeDevice(0xe211, 0xe211, "Intel Arc Pro B60", 24 * 1024),
            new XeDevice(0xe212, 0xe212, "Intel Arc Pro B50", 16 * 1024),
            new XeDevice(0xb080, 0xb0ff, "Intel Panther Lake graphics", 0));

    XeDevice
    {
        requireNonNull(name, "name is null");
    }

    static Optional<XeDevice> of(int deviceId)
    {
        return KNOWN.stream().filter(device -> deviceId >= device.firstId && deviceId <= device.lastId).findFirst();
    }

    boolean integrated()
    {
        return vramMib == 0;
    }
}
