package io.libvfio.backend.intel.sriov;

/** Where a VF profile's framebuffer figure comes from. */
enum MemoryKind
{
    /** Discrete GPU under i915: the PF's provisionable local memory ({@code lmem_*}). */
    LOCAL_MEMORY("local memory provisionable to VFs (lmem)"),
    /** Integrated GPU under i915: VFs use system memory; the GGTT slice bounds what a VF can map. */
    GGTT("share of the GGTT (integrated GPU, system memory)"),
    /** Discrete GPU under xe: VRAM from this backend's device table or the {@code vram-mib} setting. */
    VRAM("VRAM from the device table or the vram-mib setting"),
    /** Integrated GPU under xe, or an unknown xe device: nothing in sysfs gives a size. */
    UNKNOWN("unknown (no size in sysfs; set backend.intel-sriov.vram-mib for a discrete GPU)");

    private final String description;

    MemoryKind(String description)
    {
        this.description = description;
    }

    String description()
    {
        return description;
    }
}
