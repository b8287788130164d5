package io.libvfio.runtime.passthrough;

import io.libvfio.api.PciDevice;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Probe;

/**
 * Whole-GPU passthrough, the runtime's own backend: any GPU with an IOMMU group goes to one VM
 * with every function of its group (the GPU and its HDMI audio). Lowest priority, so a vendor
 * backend that can share a GPU always comes first; its support-matrix row is the runtime's
 * ({@code SupportMatrix.PASSTHROUGH}), so it declares none of its own.
 */
public final class PassthroughBackendProvider
        implements BackendProvider
{
    public static final String NAME = "passthrough";
    /** Below every vendor backend. */
    public static final int PRIORITY = 0;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "Whole-GPU passthrough: a GPU and every function of its IOMMU group to one VM, through vfio-pci";
    }

    @Override
    public int priority()
    {
        return PRIORITY;
    }

    @Override
    public Probe probe(BackendContext context)
    {
        int grouped = 0;
        for (PciDevice gpu : context.inventory().gpus()) {
            if (gpu.iommuGroup().isPresent()) {
                grouped++;
            }
        }
        if (grouped == 0) {
            return Probe.unsupported(context.inventory().gpus().isEmpty() ? "no GPU on this host"
                    : "no GPU here is in an IOMMU group (the IOMMU is off, or this is a VM without a virtual IOMMU)");
        }
        // Concatenation, not String.formatted: a cold JVM pays for Formatter's regex and locale data on every run.
        return Probe.supported(grouped + " GPU" + (grouped == 1 ? "" : "s") + " in an IOMMU group");
    }

    @Override
    public Backend create(BackendContext context)
    {
        return new PassthroughBackend(context);
    }
}
