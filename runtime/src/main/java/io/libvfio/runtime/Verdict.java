package io.libvfio.runtime;

/** What a GPU can do for VMs on this host. */
public enum Verdict
{
    /** A backend can split it into virtual GPUs. */
    SHAREABLE("shareable"),
    /** It can only go to one VM whole, through vfio-pci. */
    PASSTHROUGH_ONLY("passthrough only"),
    /** It cannot reach a VM at all (no IOMMU, ...). */
    UNAVAILABLE("not available to VMs");

    private final String label;

    Verdict(String label)
    {
        this.label = label;
    }

    public String label()
    {
        return label;
    }
}
