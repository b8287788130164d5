package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.Gpu;
import io.libvfio.api.GpuId;
import io.libvfio.api.HostInventory;
import io.libvfio.api.MdevParent;
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

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * NVIDIA vGPU through mdev types (vGPU host driver, GVM profiles, vgpu_unlock) and through the
 * vGPU 17+ vendor-VFIO VFs. Reads the host afresh on every call: instance counts change as VMs
 * come and go. Creates and destroys mdevs ({@link MdevLifecycle}) and vendor-VFIO vGPUs
 * ({@link VendorVfioLifecycle}), each atomic: a failed step undoes the ones before it.
 */
final class NvidiaGvmBackend
        implements Backend
{
    private final BackendContext context;
    private final NvidiaGpuScanner scanner;
    private final NvidiaRequirements requirements;
    private final MdevLifecycle mdev;
    private final VendorVfioLifecycle vendorVfio;

    NvidiaGvmBackend(BackendContext context)
    {
        this.context = requireNonNull(context, "context is null");
        this.scanner = new NvidiaGpuScanner(context);
        this.requirements = new NvidiaRequirements(context, scanner);
        this.mdev = new MdevLifecycle(context);
        this.vendorVfio = new VendorVfioLifecycle(context);
    }

    @Override
    public Set<Capability> capabilities()
    {
        return EnumSet.of(Capability.CREATE, Capability.DESTROY, Capability.LIST_INSTANCES);
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

    /** An mdev when the GPU has an mdev type of that id, else a vendor-VFIO vGPU of that numeric type id. */
    @Override
    public VirtualGpu create(CreateRequest request)
    {
        PciDevice device = device(request.parent());
        List<MdevParent> parents = new MdevTypeCollector(context.inventory()).parents(device);
        if (MdevLifecycle.offers(parents, request.typeId())) {
            return mdev.create(device.address(), parents, request.typeId(), request.instanceId());
        }
        int vendorType = vendorTypeId(request.typeId());
        if (vendorType > 0 && vendorVfio.hasFunctions(device)) {
            return vendorVfio.create(device, vendorType, request.instanceId());
        }
        NvidiaGpu gpu = require(request.parent());
        List<String> offered = new ArrayList<>();
        for (VgpuType type : gpu.types()) {
            offered.add(type.id());
        }
        throw new VfioException(StandardErrorCode.TYPE_NOT_FOUND, "%s (%s) has no vGPU type '%s'; %s".formatted(request.parent(), gpu.gpu().model(),
                request.typeId(), offered.isEmpty() ? "it offers none now" : "it offers " + String.join(", ", offered)));
    }

    @Override
    public void destroy(VirtualGpu instance)
    {
        PciDevice device = device(instance.parent());
        switch (instance.mechanism()) {
            case MDEV -> mdev.destroy(instance, new MdevTypeCollector(context.inventory()).parents(device));
            case VENDOR_VFIO -> vendorVfio.destroy(device, instance);
            case SRIOV_VF, PASSTHROUGH -> throw new VfioException(StandardErrorCode.OPERATION_UNSUPPORTED,
                    "backend %s does not manage %s instances (%s)".formatted(NvidiaGvmBackendProvider.NAME, instance.mechanism().label(), instance.id()));
        }
    }

    /** Mdevs under the NVIDIA GPUs and their VFs, and vendor-VFIO VFs holding a vGPU type. */
    @Override
    public List<VirtualGpu> instances()
    {
        HostInventory inventory = context.inventory();
        MdevTypeCollector collector = new MdevTypeCollector(inventory);
        List<VirtualGpu> instances = new ArrayList<>();
        for (PciDevice device : inventory.gpus()) {
            if (NvidiaGpuScanner.isNvidiaGpu(device)) {
                instances.addAll(mdev.instances(device.address(), collector.parents(device)));
                instances.addAll(vendorVfio.instances(device));
            }
        }
        return instances;
    }

    /**
     * A vendor-VFIO vGPU from its own VF's files, an mdev from its parent GPU's mdevs: where
     * {@link #instances} would list it, as both kinds stay on the GPU they were made on.
     */
    @Override
    public Optional<VirtualGpu> instance(VirtualGpu known)
    {
        Optional<PciDevice> device = known.parent().pciAddress().flatMap(context.inventory()::device).filter(NvidiaGpuScanner::isNvidiaGpu);
        if (device.isEmpty()) {
            // instances() lists the vGPUs of NVIDIA GPUs only
            return Optional.empty();
        }
        switch (known.mechanism()) {
            case VENDOR_VFIO:
                return PciAddress.isValid(known.id()) ? vendorVfio.instance(device.get(), PciAddress.parse(known.id())) : Optional.empty();
            case MDEV:
                for (VirtualGpu found : mdev.instances(device.get().address(), new MdevTypeCollector(context.inventory()).parents(device.get()))) {
                    if (found.id().equals(known.id())) {
                        return Optional.of(found);
                    }
                }
                return Optional.empty();
            default:
                return Backend.super.instance(known);
        }
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
        return gpu.pciAddress().flatMap(scanner::scan).orElseThrow(() -> notNvidia(gpu));
    }

    /** The GPU's device, without reading its NVIDIA files: for create and destroy, which read what they need. */
    private PciDevice device(GpuId gpu)
    {
        return gpu.pciAddress().flatMap(context.inventory()::device).filter(NvidiaGpuScanner::isNvidiaGpu).orElseThrow(() -> notNvidia(gpu));
    }

    private VfioException notNvidia(GpuId gpu)
    {
        List<NvidiaGpu> gpus = scanner.scan();
        String known = gpus.isEmpty() ? "there is none on this host"
                : "NVIDIA GPUs here: " + gpus.stream().map(other -> other.gpu().address().toString()).collect(Collectors.joining(", "));
        return new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, "%s is not an NVIDIA GPU (%s)".formatted(gpu, known));
    }

    /** A vendor-VFIO type id: 1 to 9 decimal digits, not 0; 0 for anything else. */
    private static int vendorTypeId(String text)
    {
        if (text.isEmpty() || text.length() > 9) {
            return 0;
        }
        for (int index = 0; index < text.length(); index++) {
            if (text.charAt(index) < '0' || text.charAt(index) > '9') {
                return 0;
            }
        }
        return Integer.parseInt(text);
    }
}
