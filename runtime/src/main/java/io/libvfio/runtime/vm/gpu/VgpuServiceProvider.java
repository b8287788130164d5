package io.libvfio.runtime.vm.gpu;

import io.libvfio.api.PciAddress;
import io.libvfio.api.ScheduleHint;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.UndoLog;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.host.HostWrite;
import io.libvfio.runtime.plan.SliceRequest;
import io.libvfio.runtime.vgpu.CreateOrder;
import io.libvfio.runtime.vgpu.VgpuChange;
import io.libvfio.runtime.vgpu.VgpuService;
import io.libvfio.runtime.vm.spec.GpuSlotRequest;
import io.libvfio.runtime.vm.spec.VmName;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The VM lifecycle's vGPUs from the {@link VgpuService}: a VM file's request (LibVF.IO's
 * {@code gpuType}, {@code mdevType}, {@code parentPort}, {@code minVRam}/{@code maxVRam},
 * {@code suffix}, {@code acceptableTypes}, {@code bdf}) becomes a slice the planner chooses (the
 * same rules as {@code libvfio plan} and {@code create --vram}), or a passthrough GPU by address;
 * the service chooses, creates, binds and records it under one hold of its host lock.
 */
public final class VgpuServiceProvider
        implements VgpuProvider
{
    private final VgpuService service;

    public VgpuServiceProvider(VfioRuntime runtime)
    {
        this.service = VgpuService.on(requireNonNull(runtime, "runtime is null"));
    }

    @Override
    public AttachedVgpu acquire(VmName vm, GpuSlotRequest request, UndoLog undo)
    {
        VgpuChange change = create(request, false);
        AttachedVgpu vgpu = attached(change.entry().instance(), request, true);
        undo.record("destroy vGPU " + vgpu.id(), () -> service.destroy(vgpu.id(), false));
        return vgpu;
    }

    @Override
    public Preview preview(VmName vm, GpuSlotRequest request)
    {
        VgpuChange change = create(request, true);
        List<String> writes = new ArrayList<>();
        for (HostWrite write : change.writes()) {
            writes.add("write '" + write.value() + "' to " + write.path());
        }
        return new Preview(attached(change.entry().instance(), request, true), writes);
    }

    @Override
    public ScheduleHint hint(AttachedVgpu vgpu)
    {
        PciAddress gpu = vgpu.parent().pciAddress().orElseThrow(() -> new VfioException(StandardErrorCode.OPERATION_UNSUPPORTED,
                vgpu.description() + ": its parent " + vgpu.parent() + " is not a PCI device, so it has no NUMA node or local CPUs"));
        return service.hint(gpu).schedule();
    }

    @Override
    public void release(AttachedVgpu vgpu)
    {
        if (vgpu.createdHere()) {
            service.destroy(vgpu.id(), false);
        }
    }

    /** A passthrough GPU by its address; a slice chosen by the planner, under the service's host lock. */
    private VgpuChange create(GpuSlotRequest request, boolean dryRun)
    {
        if (request.kind().equals("passthrough")) {
            PciAddress gpu = PciAddress.parse(request.bdf().orElseThrow(() -> new VfioException(StandardErrorCode.INVALID_CONFIG,
                    request.describe() + ": a passthrough GPU needs its bdf")));
            return service.create(new CreateOrder(gpu, "passthrough", Optional.empty(), false, dryRun));
        }
        SliceRequest slice = request.slice().orElseThrow(() -> new VfioException(StandardErrorCode.INVALID_CONFIG,
                request.describe() + ": no size or type to choose a GPU slice by"));
        return service.create(slice, Optional.empty(), false, dryRun).change();
    }

    static AttachedVgpu attached(VirtualGpu instance, GpuSlotRequest request, boolean createdHere)
    {
        String description = instance.typeId() + " " + instance.id() + " on " + instance.parent() + " (" + instance.mechanism().label() + ")";
        return switch (instance.mechanism()) {
            case MDEV -> new AttachedVgpu(instance.id(), instance.mechanism(), instance.parent(), Optional.of("/sys/bus/mdev/devices/" + instance.id()),
                    Optional.empty(), request.devId(), description, createdHere);
            case VENDOR_VFIO -> new AttachedVgpu(instance.id(), instance.mechanism(), instance.parent(),
                    Optional.of("/sys/bus/pci/devices/" + instance.function().orElseThrow()), Optional.empty(), request.devId(), description, createdHere);
            case SRIOV_VF, PASSTHROUGH -> new AttachedVgpu(instance.id(), instance.mechanism(), instance.parent(), Optional.empty(),
                    Optional.of(instance.function().or(() -> instance.parent().pciAddress()).orElseThrow()), request.devId(), description, createdHere);
        };
    }
}
