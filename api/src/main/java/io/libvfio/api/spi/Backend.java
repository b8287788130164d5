package io.libvfio.api.spi;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.Gpu;
import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
import io.libvfio.api.ScheduleHint;
import io.libvfio.api.VgpuType;
import io.libvfio.api.VirtualGpu;

import java.util.List;
import java.util.Optional;
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
    List<VgpuType> listTypes(GpuId gpu);

    /**
     * Creates one virtual GPU. Atomic: when it throws, every write it made has been undone (see
     * {@link UndoLog}) and the host reads as before. It does not bind anything to
     * {@code vfio-pci}: for a {@link Mechanism#SRIOV_VF} or {@link Mechanism#PASSTHROUGH}
     * instance the runtime binds {@link VirtualGpu#function()} afterwards and restores its driver
     * before calling {@link #destroy}.
     * <p>
     * When {@link BackendContext#dryRun()} is true the context's file system records writes
     * without making them: the backend must not wait for or read back their effects.
     *
     * @throws io.libvfio.api.VfioException {@code TYPE_NOT_FOUND} for a type the GPU does not
     *         offer, {@code NO_CAPACITY} when none is free, {@code ALREADY_EXISTS} for a
     *         duplicate instance id, and the kernel's errno for a refused write
     */
    VirtualGpu create(CreateRequest request);

    /**
     * Destroys an instance {@link #create} or someone else made, releasing what the backend set
     * up for it (quotas, VF type). Like {@link #create} it undoes its own writes when it fails.
     */
    void destroy(VirtualGpu instance);

    /**
     * The virtual GPUs that exist on the host now, including those libvfio did not create: mdevs
     * on this backend's parents, vendor-VFIO VFs with a type set, provisioned VFs.
     */
    default List<VirtualGpu> instances()
    {
        return List.of();
    }

    /**
     * The instance {@code known} names (by id, on its parent) as the host shows it now: the entry
     * of {@link #instances()} with the same id, or empty when the host no longer has it. The
     * runtime asks this for each vGPU it recorded, so a backend should answer from that instance's
     * own files rather than list the whole host; the default looks through {@link #instances()}.
     */
    default Optional<VirtualGpu> instance(VirtualGpu known)
    {
        for (VirtualGpu instance : instances()) {
            if (instance.id().equals(known.id())) {
                return Optional.of(instance);
            }
        }
        return Optional.empty();
    }

    ScheduleHint scheduleHint(GpuId gpu);

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
