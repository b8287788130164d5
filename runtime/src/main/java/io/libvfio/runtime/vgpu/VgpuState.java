package io.libvfio.runtime.vgpu;

/** Where a vGPU listed by {@code libvfio vgpus} comes from. */
public enum VgpuState
{
    /** libvfio made it and it exists. */
    MANAGED("managed"),
    /** It exists, but libvfio did not make it (another tool, or by hand). */
    EXTERNAL("external"),
    /** libvfio has a record of it, but it is gone from the host. */
    STALE("stale");

    private final String label;

    VgpuState(String label)
    {
        this.label = label;
    }

    public String label()
    {
        return label;
    }
}
