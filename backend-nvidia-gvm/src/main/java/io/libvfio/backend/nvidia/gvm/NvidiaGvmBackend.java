package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.Gpu;
import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
import io.libvfio.api.ScheduleHint;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.Capability;
import io.libvfio.api.spi.HostRequirement;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * NVIDIA vGPU through mdev types (vGPU host driver, GVM profiles, vgpu_unlock) and through the
 * vGPU 17+ vendor-VFIO VFs. Reads the host afresh on every call: instance counts change as VMs
 * come and go. Creating and destroying vGPUs is not implemented yet.
 */
final class NvidiaGvmBackend
        implements Backend
{
    private final NvidiaGpuScanner scanner;
    private final NvidiaRequirements requirements;

    NvidiaGvmBackend(BackendContext context)
    {
        this.scanner = new NvidiaGpuScanner(requireNonNull(context, "context is null"));
        this.requirements = new NvidiaRequirements(context, scanner);
    }

    @Override
    public Set<Capability> capabilities()
    {
        return EnumSet.noneOf(Capability.class);
    }

    @Override
    public Set<Mechanism> mechanisms()
    {
        return EnumSet.of(Mechanism.MDEV, Mechanism.VENDOR_VFIO);
    }

    @Override
    public List<Gpu> discover()
    {
        List<Gpu> gpus = new ArrayList<>();
        for (NvidiaGpu gpu : scanner.scan()) {
            gpus.add(gpu.gpu());
        }
        return gpus;
    }

    @Override
    public List<VgpuType> listTypes(GpuId gpu)
    {
        NvidiaGpu found = require(gpu);
        if (found.types().isEmpty() && !found.problems().isEmpty()) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED, "%s (%s): no usable vGPU type: %s".formatted(
                    gpu, found.gpu().model(), String.join("; ", found.problems())));
        }
        return found.types();
    }

    @Override
    public VirtualGpu create(CreateRequest request)
    {
        throw unsupported("creating vGPUs");
    }

    @Override
    public void destroy(VirtualGpu instance)
    {
        throw unsupported("destroying vGPUs");
    }

    @Override
    public ScheduleHint scheduleHint(GpuId gpu)
    {
        return ScheduleHint.of(require(gpu).gpu().device());
    }

    /** The vGPU host driver, on hosts with NVIDIA GPUs. */
    @Override
    public List<HostRequirement> hostRequirements()
    {
        return requirements.list();
    }

    private NvidiaGpu require(GpuId gpu)
    {
        return gpu.pciAddress().flatMap(scanner::scan).orElseThrow(() -> {
            List<NvidiaGpu> gpus = scanner.scan();
            String known = gpus.isEmpty() ? "there is none on this host"
                    : "NVIDIA GPUs here: " + gpus.stream().map(other -> other.gpu().address().toString()).collect(Collectors.joining(", "));
            return new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, "%s is not an NVIDIA GPU (%s)".formatted(gpu, known));
        });
    }

    private static VfioException unsupported(String what)
    {
        return new VfioException(StandardErrorCode.OPERATION_UNSUPPORTED,
                "backend %s does not support %s yet".formatted(NvidiaGvmBackendProvider.NAME, what));
    }
}
