package io.libvfio.api;

/** How a slice of a GPU reaches a VM. */
public enum Mechanism
{
    /** A mediated device created through {@code mdev_supported_types/<type>/create}. */
    MDEV("mdev"),
    /** An SR-IOV virtual function bound to vfio-pci. */
    SRIOV_VF("sriov-vf"),
    /** A VF managed by the vendor's own VFIO driver (NVIDIA vGPU 17+: {@code current_vgpu_type}). */
    VENDOR_VFIO("vendor-vfio"),
    /** The whole GPU, with every function of its IOMMU group. */
    PASSTHROUGH("passthrough");

    private final String label;

    Mechanism(String label)
    {
        this.label = label;
    }

    public String label()
    {
        return label;
    }
}
