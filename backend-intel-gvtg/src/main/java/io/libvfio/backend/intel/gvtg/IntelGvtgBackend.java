package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.Gpu;
import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
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
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Intel GVT-g: mdev types of Broadwell to Comet Lake iGPUs driven by i915 with kvmgt. Reads the
 * host afresh on every call; creates and removes mdevs through {@link GvtgMdevs}.
 */
final class IntelGvtgBackend
        implements Backend
{
    private final GvtgGpuScanner scanner;
    private final GvtgRequirements requirements;
    private final GvtgMdevs mdevs;

    IntelGvtgBackend(BackendContext context)
    {
        this.scanner = new GvtgGpuScanner(requireNonNull(context, "context is null"));
        this.requirements = new GvtgRequirements(context);
        this.mdevs = new GvtgMdevs(context);
    }

    @Override
    public Set<Capability> capabilities()
    {
        return EnumSet.of(Capability.CREATE, Capability.DESTROY, Capability.LIST_INSTANCES);
    }

    @Override
    public Set<Mechanism> mechanisms()
    {
        return EnumSet.of(Mechanism.MDEV);
    }

    @Override
    public List<Gpu> discover()
    {
        return scanner.scan().stream().map(GvtgGpu::gpu).toList();
    }

    @Override
    public List<VgpuType> listTypes(GpuId gpu)
    {
        GvtgGpu found = require(gpu);
        if (found.types().isEmpty() && !found.problems().isEmpty()) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED, "%s (%s): no usable GVT-g type: %s".formatted(
                    gpu, found.gpu().model(), String.join("; ", found.problems())));
        }
        return found.types();
    }

    @Override
    public VirtualGpu create(CreateRequest request)
    {
        GvtgGpu gpu = require(request.parent());
        return mdevs.create(request, gpu.types().stream().map(VgpuType::id).toList(), parents());
    }

    @Override
    public void destroy(VirtualGpu instance)
    {
        mdevs.destroy(instance, parents());
    }

    /** The GVT-g mdevs of every Intel GPU that has GVT-g types, whoever created them. */
    @Override
    public List<VirtualGpu> instances()
    {
        return mdevs.list(parents());
    }

    @Override
    public ScheduleHint scheduleHint(GpuId gpu)
    {
        return ScheduleHint.of(require(gpu).gpu().device());
    }

    /** {@code i915.enable_gvt=1}, {@code kvmgt} and GuC submission off, on hosts with a GVT-g capable iGPU. */
    @Override
    public List<HostRequirement> hostRequirements()
    {
        return requirements.list();
    }

    private GvtgGpu require(GpuId gpu)
    {
        return gpu.pciAddress().flatMap(scanner::scan).orElseThrow(() -> {
            List<GvtgGpu> gpus = scanner.scan();
            String known = gpus.isEmpty() ? "there is none on this host"
                    : "Intel GPUs here: " + gpus.stream().map(other -> other.gpu().address().toString()).collect(Collectors.joining(", "));
            return new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, "%s is not an Intel GPU (%s)".formatted(gpu, known));
        });
    }

    private List<PciAddress> parents()
    {
        return scanner.scan().stream().filter(gpu -> !gpu.types().isEmpty()).map(gpu -> gpu.gpu().address()).toList();
    }
}
