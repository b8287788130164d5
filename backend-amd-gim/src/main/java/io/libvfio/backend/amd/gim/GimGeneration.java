package io.libvfio.backend.amd.gim;

/** The two GIM drivers (sysfs-spec §6); both are module {@code gim}, PCI driver {@code gim}. */
enum GimGeneration
{
    /** GIM 1.x-3.x (GPUOpen MxGPU-Virtualization): FirePro S7150 era, one value per setting (§6.1). */
    LEGACY("legacy GIM (FirePro S7150 / MxGPU)"),
    /** Open-source GIM 8.x+ (amd/MxGPU-Virtualization): Instinct MI200/MI300, Radeon PRO V710, arrays per GPU (§6.2). */
    OPEN("open-source GIM (Instinct MI / Radeon PRO V)");

    private final String description;

    GimGeneration(String description)
    {
        this.description = description;
    }

    String description()
    {
        return description;
    }
}
