package io.libvfio.backend.amd.gim;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.Gpu;
import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
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

import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * AMD MxGPU: the SR-IOV VFs that GIM creates on FirePro S7150, Instinct MI and Radeon PRO V
 * cards, one VF type per GPU. The schedule hint carries legacy GIM's time slice. Reads the host
 * afresh on every call. Assigning and releasing VFs is not implemented yet.
 */
final class AmdGimBackend
        implements Backend
{
    private final GimGpuScanner scanner;
    private final GimRequirements requirements;

    AmdGimBackend(BackendContext context)
    {
        this.scanner = new GimGpuScanner(requireNonNull(context, "context is null"));
        this.requirements = new GimRequirements(context);
    }

    /** {@link Capability#SCHEDULER_SHARES} while a GPU runs under legacy GIM, whose time slice is known. */
    @Override
    public Set<Capability> capabilities()
    {
        boolean slices = scanner.scan().stream().anyMatch(gpu -> gpu.timeSlice().isPresent());
        return slices ? EnumSet.of(Capability.SCHEDULER_SHARES) : EnumSet.noneOf(Capability.class);
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

    @Override
    public VirtualGpu create(CreateRequest request)
    {
        throw unsupported("assigning VFs");
    }

    @Override
    public void destroy(VirtualGpu instance)
    {
        throw unsupported("releasing VFs");
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

    private static VfioException unsupported(String what)
    {
        return new VfioException(StandardErrorCode.OPERATION_UNSUPPORTED,
                "backend %s does not support %s yet".formatted(AmdGimBackendProvider.NAME, what));
    }
}
