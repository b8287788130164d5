package io.libvfio.backend.amd.gim;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.Gpu;
import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.ScheduleHint;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.Capability;
import io.libvfio.api.spi.HostRequirement;
import io.libvfio.api.spi.UndoLog;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * AMD MxGPU: the SR-IOV VFs that GIM creates on FirePro S7150, Instinct MI and Radeon PRO V
 * cards, one VF type per GPU. The schedule hint carries legacy GIM's time slice. Reads the host
 * afresh on every call. VFs are handed out and given back through {@link GimVfs}.
 */
final class AmdGimBackend
        implements Backend
{
    private final GimGpuScanner scanner;
    private final GimRequirements requirements;
    private final GimVfs vfs;
    private final boolean dryRun;

    AmdGimBackend(BackendContext context)
    {
        this.scanner = new GimGpuScanner(requireNonNull(context, "context is null"));
        this.requirements = new GimRequirements(context);
        this.vfs = new GimVfs(context.fs());
        this.dryRun = context.dryRun();
    }

    /**
     * Always {@link Capability#CREATE}, {@link Capability#DESTROY} and {@link Capability#LIST_INSTANCES};
     * {@link Capability#SCHEDULER_SHARES} while a GPU runs under legacy GIM, whose time slice is known.
     */
    @Override
    public Set<Capability> capabilities()
    {
        Set<Capability> capabilities = EnumSet.of(Capability.CREATE, Capability.DESTROY, Capability.LIST_INSTANCES);
        if (scanner.scan().stream().anyMatch(gpu -> gpu.timeSlice().isPresent())) {
            capabilities.add(Capability.SCHEDULER_SHARES);
        }
        return capabilities;
    }

    @Override
    public Set<Mechanism> mechanisms()
    {
        return EnumSet.of(Mechanism.SRIOV_VF);
    }

    @Override
    public List<Gpu> discover()
    {
        return scanner.scan().stream().map(GimGpu::gpu).toList();
    }

    @Override
    public List<VgpuType> listTypes(GpuId gpu)
    {
        GimGpu found = require(gpu);
        if (found.types().isEmpty() && !found.problems().isEmpty()) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED, "%s (%s): no VF type: %s".formatted(
                    gpu, found.gpu().model(), String.join("; ", found.problems())));
        }
        return found.types();
    }

    /**
     * Hands out a free VF of the GPU: {@code typeId} is the type's id ({@code S7150-2048M}) or its
     * GIM type name ({@code S7150}, what LibVF.IO's {@code acceptableTypes} lists); the request's
     * instance id, when given, is the VF to take. The VF's {@code driver_override} becomes
     * {@code vfio-pci} (see {@link GimVfs}); the runtime binds it.
     */
    @Override
    public VirtualGpu create(CreateRequest request)
    {
        GimGpu gpu = require(request.parent());
        VgpuType type = gpu.types().stream().filter(offered -> offered.id().equals(request.typeId()) || offered.name().equals(request.typeId()))
                .findFirst().orElseThrow(() -> new VfioException(StandardErrorCode.TYPE_NOT_FOUND, "%s offers no VF type '%s' (%s)".formatted(
                        request.parent(), request.typeId(), gpu.types().isEmpty() ? gpu.gpu().limitation().orElse("no VF type")
                                : "types: " + gpu.types().stream().map(offered -> offered.id() + " (" + offered.name() + ")").collect(Collectors.joining(", ")))));
        List<GimVfs.Vf> all = vfs.of(gpu.gpu().address());
        GimVfs.Vf vf = choose(request, all);
        UndoLog undo = new UndoLog();
        try {
            vfs.reserve(vf.address());
            undo.record("clear driver_override of " + vf.address(), () -> vfs.release(vf.address()));
            if (!dryRun && !vfs.read(vf.address()).reserved()) {
                throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "%s/%s/driver_override does not read back vfio-pci".formatted(GimVfs.DEVICES, vf.address()));
            }
            undo.commit();
        }
        catch (RuntimeException e) {
            throw undo.rollback(e);
        }
        return GimVfs.instance(gpu.gpu().address(), type.id(), vf.address());
    }

    /** Gives a VF back: clears its {@code driver_override}. The runtime has unbound it from vfio-pci (or it was on vfio-pci before). */
    @Override
    public void destroy(VirtualGpu instance)
    {
        PciAddress address = GimVfs.function(instance);
        boolean ours = scanner.scan().stream().filter(gpu -> !gpu.types().isEmpty())
                .anyMatch(gpu -> vfs.of(gpu.gpu().address()).stream().anyMatch(vf -> vf.address().equals(address)));
        if (!ours) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND, "%s is not a VF of a GPU that GIM shares".formatted(address));
        }
        GimVfs.Vf vf = vfs.read(address);
        if (!vf.reserved()) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND, "VF %s is not handed out (its driver_override is %s, not vfio-pci)"
                    .formatted(address, vf.override().orElse("(null)")));
        }
        if (vf.driver().isPresent() && !vf.driver().get().equals(GimVfs.VFIO_PCI)) {
            throw new VfioException(StandardErrorCode.DEVICE_BUSY, "VF %s is bound to %s; unbind it before giving it back".formatted(address, vf.driver().get()));
        }
        vfs.release(address);
    }

    /** The VFs handed out ({@code driver_override} vfio-pci) on every GPU GIM shares. */
    @Override
    public List<VirtualGpu> instances()
    {
        List<VirtualGpu> instances = new ArrayList<>();
        for (GimGpu gpu : scanner.scan()) {
            if (gpu.types().isEmpty()) {
                continue;
            }
            PciAddress pf = gpu.gpu().address();
            for (GimVfs.Vf vf : vfs.of(pf)) {
                if (vf.reserved()) {
                    instances.add(GimVfs.instance(pf, gpu.types().get(0).id(), vf.address()));
                }
            }
        }
        return instances;
    }

    @Override
    public ScheduleHint scheduleHint(GpuId gpu)
    {
        GimGpu found = require(gpu);
        PciDevice device = found.gpu().device();
        return new ScheduleHint(GpuId.of(device.address()), device.numaNode(), device.localCpus(), device.iommuGroup(), OptionalInt.empty(), found.timeSlice());
    }

    /** GIM on each MxGPU card, and amdgpu kept off them. */
    @Override
    public List<HostRequirement> hostRequirements()
    {
        return requirements.list();
    }

    private GimGpu require(GpuId gpu)
    {
        return gpu.pciAddress().flatMap(scanner::scan).orElseThrow(() -> {
            List<GimGpu> gpus = scanner.scan();
            String known = gpus.isEmpty() ? "there is none on this host"
                    : "AMD GPUs here: " + gpus.stream().map(other -> other.gpu().address().toString()).collect(Collectors.joining(", "));
            return new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, "%s is not an AMD GPU (%s)".formatted(gpu, known));
        });
    }

    private static GimVfs.Vf choose(CreateRequest request, List<GimVfs.Vf> all)
    {
        if (request.instanceId().isPresent()) {
            String wanted = request.instanceId().get();
            GimVfs.Vf vf = all.stream().filter(candidate -> candidate.address().toString().equals(wanted)).findFirst()
                    .orElseThrow(() -> new VfioException(StandardErrorCode.INVALID_ARGUMENT, "'%s' is not a VF of %s (VFs: %s)".formatted(wanted,
                            request.parent(), all.stream().map(candidate -> candidate.address().toString()).collect(Collectors.joining(", ")))));
            if (!vf.free()) {
                throw new VfioException(StandardErrorCode.DEVICE_BUSY, "VF %s is in use (driver %s, driver_override %s)".formatted(
                        vf.address(), vf.driver().orElse("none"), vf.override().orElse("(null)")));
            }
            return vf;
        }
        return GimVfs.pick(all).orElseThrow(() -> new VfioException(StandardErrorCode.NO_CAPACITY,
                "all %d VFs of %s are in use (bound to a host driver or handed out)".formatted(all.size(), request.parent())));
    }
}
