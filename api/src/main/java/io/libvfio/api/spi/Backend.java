package io.libvfio.api.spi;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.Gpu;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.ScheduleHint;
import io.libvfio.api.VgpuType;
import io.libvfio.api.VirtualGpu;

import java.util.List;
import java.util.Set;

/**
 * One vendor's way of sharing GPUs, bound to one host through its {@link BackendContext}.
 */
public interface Backend
{
    Set<Capability> capabilities();

    /** The sharing mechanisms this backend implements. */
    Set<Mechanism> mechanisms();

    /**
     * The GPUs of this backend's vendor on the host, including the ones it cannot share, each
     * with the reason.
     */
    List<Gpu> discover();

    /** The vGPU types {@code gpu} offers now, with their free instance counts. */
    List<VgpuType> listTypes(PciAddress gpu);

    VirtualGpu create(CreateRequest request);

    void destroy(VirtualGpu instance);

    ScheduleHint scheduleHint(PciAddress gpu);

    /**
     * What this host must have for this backend to share its GPUs (kernel parameters, modules,
     * drivers), each with whether it has it now. Empty when the host has none of this backend's
     * GPUs or they need nothing beyond VFIO and the IOMMU, which the runtime checks itself.
     */
    default List<HostRequirement> hostRequirements()
    {
        return List.of();
    }
}
