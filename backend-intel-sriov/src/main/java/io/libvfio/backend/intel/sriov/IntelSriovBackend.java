package io.libvfio.backend.intel.sriov;

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
import io.libvfio.api.spi.HostFs;

import java.time.Duration;
import java.util.ArrayList;
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
 * is set. Reads the host afresh on every call; hands out and takes back VFs through {@link SriovVfLifecycle}.
 */
final class IntelSriovBackend
        implements Backend
{
    private final SriovGpuScanner scanner;
    private final SriovVfLifecycle lifecycle;
    private final HostFs fs;
    private final VfSettings settings;

    IntelSriovBackend(BackendContext context)
    {
        this.scanner = new SriovGpuScanner(requireNonNull(context, "context is null"));
        this.lifecycle = new SriovVfLifecycle(context);
        this.fs = context.fs();
        this.settings = new VfSettings(context.config());
    }

    /**
     * Always {@link Capability#CREATE}, {@link Capability#DESTROY} and {@link Capability#LIST_INSTANCES};
     * {@link Capability#SCHEDULER_SHARES} while some PF has an execution quantum set.
     */
    @Override
    public Set<Capability> capabilities()
    {
        Set<Capability> capabilities = EnumSet.of(Capability.CREATE, Capability.DESTROY, Capability.LIST_INSTANCES);
        if (scanner.scan().stream().anyMatch(gpu -> gpu.execQuantumMs().isPresent())) {
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

    /** One VF of a {@code vfs-N} profile, provisioned and reserved (see {@link SriovVfLifecycle}). */
    @Override
    public VirtualGpu create(CreateRequest request)
    {
        SriovGpu gpu = require(request.parent());
        VgpuType type = gpu.types().stream().filter(offered -> offered.id().equals(request.typeId())).findFirst()
                .orElseThrow(() -> new VfioException(StandardErrorCode.TYPE_NOT_FOUND, "%s offers no VF profile '%s' (%s)".formatted(request.parent(),
                        request.typeId(), gpu.types().isEmpty() ? gpu.gpu().limitation().orElse("no profile")
                                : "profiles: " + gpu.types().stream().map(VgpuType::id).collect(Collectors.joining(", ")))));
        if (type.availableInstances() == 0) {
            throw new VfioException(StandardErrorCode.NO_CAPACITY, "%s on %s has no free VF: %s VFs are enabled (the count changes only through 0)"
                    .formatted(type.id(), request.parent(), gpu.gpu().device().sriov().map(sriov -> Integer.toString(sriov.numVfs())).orElse("no")));
        }
        int vfs = Integer.parseInt(type.id().substring("vfs-".length()));
        return lifecycle.create(new SriovPf(fs, gpu.gpu().address()), type.id(), vfs, provisioning(gpu));
    }

    /** Gives a VF back; the runtime has unbound it. */
    @Override
    public void destroy(VirtualGpu instance)
    {
        PciAddress vf = instance.function().orElseGet(() -> {
            if (!PciAddress.isValid(instance.id())) {
                throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND,
                        "'%s' is not an Intel VF: its id must be the VF's PCI address (see 'libvfio vgpus')".formatted(instance.id()));
            }
            return PciAddress.parse(instance.id());
        });
        Optional<SriovGpu> gpu = fs.linkName(SriovPf.DEVICES + "/" + vf + "/physfn").filter(PciAddress::isValid).map(PciAddress::parse)
                .flatMap(scanner::scan).filter(found -> !found.types().isEmpty());
        if (gpu.isEmpty()) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND, "%s is not a VF of an Intel GPU shared by SR-IOV".formatted(vf));
        }
        lifecycle.destroy(new SriovPf(fs, gpu.get().gpu().address()), vf, provisioning(gpu.get()));
    }

    /** The VFs handed out ({@code driver_override} vfio-pci) on every Intel PF with VF profiles. */
    @Override
    public List<VirtualGpu> instances()
    {
        List<VirtualGpu> instances = new ArrayList<>();
        for (SriovGpu gpu : scanner.scan()) {
            if (!gpu.types().isEmpty()) {
                instances.addAll(lifecycle.instances(new SriovPf(fs, gpu.gpu().address())));
            }
        }
        return instances;
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

    private VfProvisioning provisioning(SriovGpu gpu)
    {
        PciDevice device = gpu.gpu().device();
        String directory = SriovPf.DEVICES + "/" + device.address();
        if (device.isBoundTo("xe")) {
            long vram = Optional.ofNullable(gpu.gpu().properties().get("vram_mib")).map(Long::parseLong).orElse(0L);
            return new XeProvisioning(fs, directory + "/sriov_admin", settings, vram);
        }
        String iov = I915Provisioning.directory(fs, directory).orElseThrow(() -> new VfioException(StandardErrorCode.NOT_VIRTUALIZABLE,
                "%s has no i915 prelim_iov directory".formatted(device.address())));
        return new I915Provisioning(fs, iov, settings, device.sriov().map(sriov -> sriov.totalVfs()).orElse(0));
    }
}
