package io.libvfio.backend.intel.sriov;

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

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Intel GPU SR-IOV: VFs of i915 ({@code prelim_iov}, out of tree) and xe PFs, offered as "N equal
 * VFs" profiles. The schedule hint carries the PF's execution quantum as the time slice when one
 * is set. Reads the host afresh on every call. Creating and destroying VFs is not implemented yet.
 */
final class IntelSriovBackend
        implements Backend
{
    private final SriovGpuScanner scanner;

    IntelSriovBackend(BackendContext context)
    {
        this.scanner = new SriovGpuScanner(requireNonNull(context, "context is null"));
    }

    /** {@link Capability#SCHEDULER_SHARES} while some PF has an execution quantum set. */
    @Override
    public Set<Capability> capabilities()
    {
        boolean quantum = scanner.scan().stream().anyMatch(gpu -> gpu.execQuantumMs().isPresent());
        return quantum ? EnumSet.of(Capability.SCHEDULER_SHARES) : EnumSet.noneOf(Capability.class);
    }

    @Override
    public Set<Mechanism> mechanisms()
    {
        return EnumSet.of(Mechanism.SRIOV_VF);
    }

    @Override
    public List<Gpu> discover()
    {
        return scanner.scan().stream().map(SriovGpu::gpu).toList();
    }

    @Override
    public List<VgpuType> listTypes(GpuId gpu)
    {
        SriovGpu found = require(gpu);
        if (found.types().isEmpty() && !found.problems().isEmpty()) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED, "%s (%s): no VF profile: %s".formatted(
                    gpu, found.gpu().model(), String.join("; ", found.problems())));
        }
        return found.types();
    }

    @Override
    public VirtualGpu create(CreateRequest request)
    {
        throw unsupported("creating VFs");
    }

    @Override
    public void destroy(VirtualGpu instance)
    {
        throw unsupported("destroying VFs");
    }

    @Override
    public ScheduleHint scheduleHint(GpuId gpu)
    {
        SriovGpu found = require(gpu);
        PciDevice device = found.gpu().device();
        OptionalInt quantum = found.execQuantumMs();
        Optional<Duration> slice = quantum.isPresent() ? Optional.of(Duration.ofMillis(quantum.getAsInt())) : Optional.empty();
        return new ScheduleHint(GpuId.of(device.address()), device.numaNode(), device.localCpus(), device.iommuGroup(), OptionalInt.empty(), slice);
    }

    private SriovGpu require(GpuId gpu)
    {
        return gpu.pciAddress().flatMap(scanner::scan).orElseThrow(() -> {
            List<SriovGpu> gpus = scanner.scan();
            String known = gpus.isEmpty() ? "there is none on this host"
                    : "Intel GPUs here: " + gpus.stream().map(other -> other.gpu().address().toString()).collect(Collectors.joining(", "));
            return new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, "%s is not an Intel GPU (%s)".formatted(gpu, known));
        });
    }

    private static VfioException unsupported(String what)
    {
        return new VfioException(StandardErrorCode.OPERATION_UNSUPPORTED,
                "backend %s does not support %s yet".formatted(IntelSriovBackendProvider.NAME, what));
    }
}
