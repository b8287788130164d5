package io.libvfio.runtime.vm.gpu;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.ScheduleHint;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.UndoLog;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.host.HostWrite;
import io.libvfio.runtime.vgpu.CreateOrder;
import io.libvfio.runtime.vgpu.VgpuChange;
import io.libvfio.runtime.vgpu.VgpuService;
import io.libvfio.runtime.vm.spec.GpuSlotRequest;
import io.libvfio.runtime.vm.spec.VmName;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The VM lifecycle's vGPUs from the {@link VgpuService}: a VM file's request (LibVF.IO's
 * {@code gpuType}, {@code mdevType}, {@code parentPort}, {@code minVRam}/{@code maxVRam},
 * {@code suffix}, {@code acceptableTypes}, {@code bdf}) becomes one create order on the GPU and
 * type that fit best (the exact type when named; otherwise the smallest framebuffer in range
 * with a free instance), and the service creates, binds and records it under its host lock.
 */
public final class VgpuServiceProvider
        implements VgpuProvider
{
    private final VfioRuntime runtime;
    private final VgpuService service;

    public VgpuServiceProvider(VfioRuntime runtime)
    {
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.service = VgpuService.on(runtime);
    }

    @Override
    public AttachedVgpu acquire(VmName vm, GpuSlotRequest request, UndoLog undo)
    {
        VgpuChange change = service.create(order(request, false));
        AttachedVgpu vgpu = attached(change.entry().instance(), request, true);
        undo.record("destroy vGPU " + vgpu.id(), () -> service.destroy(vgpu.id(), false));
        return vgpu;
    }

    @Override
    public Preview preview(VmName vm, GpuSlotRequest request)
    {
        VgpuChange change = service.create(order(request, true));
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

    CreateOrder order(GpuSlotRequest request, boolean dryRun)
    {
        if (request.kind().equals("passthrough")) {
            PciAddress gpu = PciAddress.parse(request.bdf().orElseThrow(() -> new VfioException(StandardErrorCode.INVALID_CONFIG,
                    request.describe() + ": a passthrough GPU needs its bdf")));
            return new CreateOrder(gpu, "passthrough", Optional.empty(), false, dryRun);
        }
        List<VgpuType> candidates = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (VgpuType type : runtime.types(Optional.empty())) {
            seen.add(type.id() + " on " + type.parent() + " (" + type.framebufferMib() + " MiB, " + type.availableInstances() + " free)");
            if (fits(request, type) && type.parent().isPci()) {
                candidates.add(type);
            }
        }
        candidates.sort(Comparator.comparingLong(VgpuType::framebufferMib).thenComparing(type -> type.parent().toString()));
        if (candidates.isEmpty()) {
            throw new VfioException(StandardErrorCode.NO_CAPACITY, request.describe() + ": no free vGPU type fits"
                    + (seen.isEmpty() ? " (this host offers none)" : "; types here: " + String.join(", ", seen)));
        }
        VgpuType best = candidates.get(0);
        return new CreateOrder(best.parent().pciAddress().orElseThrow(), best.id(), Optional.empty(), false, dryRun);
    }

    static boolean fits(GpuSlotRequest request, VgpuType type)
    {
        if (type.availableInstances() <= 0) {
            return false;
        }
        if (request.parentPort().isPresent() && !type.parent().is(PciAddress.parse(request.parentPort().get()))) {
            return false;
        }
        boolean mechanism = switch (request.kind()) {
            case "sysfsdev" -> type.mechanism() == Mechanism.MDEV || type.mechanism() == Mechanism.VENDOR_VFIO;
            case "sriovdev" -> type.mechanism() == Mechanism.SRIOV_VF;
            default -> false;
        };
        if (!mechanism) {
            return false;
        }
        if (request.mdevType().isPresent() && !request.mdevType().get().isEmpty()) {
            return type.id().equals(request.mdevType().get());
        }
        boolean size = type.framebufferMib() >= request.minVramMib() && (request.maxVramMib() < 0 || type.framebufferMib() <= request.maxVramMib());
        boolean name = type.name().endsWith(request.suffix());
        boolean accepted = request.acceptableTypes().isEmpty() || request.acceptableTypes().stream().anyMatch(type.name()::contains);
        return size && name && accepted;
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
