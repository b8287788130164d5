package io.libvfio.runtime.vgpu;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.Gpu;
import io.libvfio.api.GpuId;
import io.libvfio.api.MdevParent;
import io.libvfio.api.MdevType;
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
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Capability;
import io.libvfio.api.spi.Probe;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A minimal vendor backend for the runtime's tests, until the vendor backends create: mdev types
 * of any PCI mdev parent (write a UUID to {@code create}, {@code 1} to {@code remove}), and type
 * {@code vf} on any SR-IOV PF with VFs (reserve a free VF by writing {@code vfio-pci} to its
 * {@code driver_override}, the agreed convention; clear it on destroy).
 */
final class SliceTestBackend
        implements Backend
{
    static final String NAME = "test-slices";
    static final String VF_TYPE = "vf";
    private static final String DEVICES = "/sys/bus/pci/devices/";

    private final BackendContext context;

    SliceTestBackend(BackendContext context)
    {
        this.context = context;
    }

    static BackendProvider provider()
    {
        return new BackendProvider()
        {
            @Override
            public String name()
            {
                return NAME;
            }

            @Override
            public String description()
            {
                return "mdev types and SR-IOV VFs of any GPU (runtime tests)";
            }

            @Override
            public int priority()
            {
                return 50;
            }

            @Override
            public Probe probe(BackendContext context)
            {
                return Probe.supported("test backend");
            }

            @Override
            public Backend create(BackendContext context)
            {
                return new SliceTestBackend(context);
            }
        };
    }

    @Override
    public Set<Capability> capabilities()
    {
        return EnumSet.of(Capability.CREATE, Capability.DESTROY, Capability.LIST_INSTANCES);
    }

    @Override
    public Set<Mechanism> mechanisms()
    {
        return EnumSet.of(Mechanism.MDEV, Mechanism.SRIOV_VF);
    }

    @Override
    public List<Gpu> discover()
    {
        List<Gpu> gpus = new ArrayList<>();
        for (PciDevice device : context.inventory().gpus()) {
            if (context.inventory().mdevParent(device.address()).isPresent()) {
                gpus.add(new Gpu(device, device.displayName(), List.of(Mechanism.MDEV), Optional.empty(), Map.of()));
            }
            else if (device.sriov().isPresent() && !device.sriov().get().virtualFunctions().isEmpty()) {
                gpus.add(new Gpu(device, device.displayName(), List.of(Mechanism.SRIOV_VF), Optional.empty(), Map.of()));
            }
        }
        return gpus;
    }

    @Override
    public List<VgpuType> listTypes(GpuId id)
    {
        PciAddress gpu = id.pciAddress().orElseThrow();
        List<VgpuType> types = new ArrayList<>();
        Optional<MdevParent> parent = context.inventory().mdevParent(gpu);
        if (parent.isPresent()) {
            for (MdevType type : parent.get().types()) {
                int available = Integer.parseInt(context.fs().readRequired(typeDirectory(gpu, type.id()) + "/available_instances"));
                types.add(new VgpuType(type.id(), type.name().orElse(type.id()), gpu, Mechanism.MDEV, 1024, 1, Optional.empty(),
                        Math.max(available, type.availableInstances()), available, Map.of()));
            }
        }
        Optional<PciDevice> device = context.inventory().device(gpu);
        if (device.isPresent() && device.get().sriov().isPresent() && !device.get().sriov().get().virtualFunctions().isEmpty()) {
            List<PciAddress> vfs = device.get().sriov().get().virtualFunctions();
            types.add(new VgpuType(VF_TYPE, "one VF", gpu, Mechanism.SRIOV_VF, 2048, 1, Optional.empty(), vfs.size(), freeVfs(vfs).size(), Map.of()));
        }
        return types;
    }

    @Override
    public VirtualGpu create(CreateRequest request)
    {
        PciAddress parent = request.parent().pciAddress().orElseThrow();
        if (request.typeId().equals(VF_TYPE)) {
            PciAddress vf = context.inventory().device(parent).orElseThrow().sriov().orElseThrow().virtualFunctions().stream().filter(this::isFree)
                    .findFirst().orElseThrow(() -> new VfioException(StandardErrorCode.NO_CAPACITY, "no free VF on " + request.parent()));
            context.fs().write(DEVICES + vf + "/driver_override", "vfio-pci");
            return new VirtualGpu(vf.toString(), request.parent(), VF_TYPE, Mechanism.SRIOV_VF, Optional.of(vf), DEVICES + vf);
        }
        boolean known = listTypes(request.parent()).stream().anyMatch(type -> type.id().equals(request.typeId()));
        if (!known) {
            throw new VfioException(StandardErrorCode.TYPE_NOT_FOUND, "no type " + request.typeId());
        }
        String uuid = request.instanceId().orElse(UUID.randomUUID().toString());
        context.fs().write(typeDirectory(parent, request.typeId()) + "/create", uuid);
        return new VirtualGpu(uuid, request.parent(), request.typeId(), Mechanism.MDEV, Optional.empty(), "/sys/bus/mdev/devices/" + uuid);
    }

    @Override
    public void destroy(VirtualGpu instance)
    {
        if (instance.mechanism() == Mechanism.SRIOV_VF) {
            context.fs().write(DEVICES + instance.id() + "/driver_override", "\n");
        }
        else {
            context.fs().write("/sys/bus/mdev/devices/" + instance.id() + "/remove", "1");
        }
    }

    @Override
    public List<VirtualGpu> instances()
    {
        List<VirtualGpu> instances = new ArrayList<>();
        for (Gpu gpu : discover()) {
            Optional<MdevParent> parent = context.inventory().mdevParent(gpu.address());
            if (parent.isPresent()) {
                for (MdevType type : parent.get().types()) {
                    for (String uuid : context.fs().list(typeDirectory(gpu.address(), type.id()) + "/devices")) {
                        instances.add(new VirtualGpu(uuid, gpu.address(), type.id(), Mechanism.MDEV, Optional.empty(), "/sys/bus/mdev/devices/" + uuid));
                    }
                }
            }
            else {
                for (PciAddress vf : gpu.device().sriov().get().virtualFunctions()) {
                    if (context.fs().read(DEVICES + vf + "/driver_override").filter("vfio-pci"::equals).isPresent()) {
                        instances.add(new VirtualGpu(vf.toString(), gpu.address(), VF_TYPE, Mechanism.SRIOV_VF, Optional.of(vf), DEVICES + vf));
                    }
                }
            }
        }
        return instances;
    }

    /** A VF instance from its own {@code driver_override}; anything else as {@link #instances} lists it. */
    @Override
    public Optional<VirtualGpu> instance(VirtualGpu known)
    {
        Optional<PciAddress> gpu = known.parent().pciAddress();
        if (known.mechanism() == Mechanism.SRIOV_VF && gpu.isPresent() && context.inventory().mdevParent(gpu.get()).isEmpty()) {
            Optional<PciDevice> device = context.inventory().gpus().stream().filter(candidate -> candidate.address().equals(gpu.get())).findFirst();
            List<PciAddress> vfs = device.flatMap(PciDevice::sriov).map(sriov -> sriov.virtualFunctions()).orElse(List.of());
            for (PciAddress vf : vfs) {
                if (vf.toString().equals(known.id()) && context.fs().read(DEVICES + vf + "/driver_override").filter("vfio-pci"::equals).isPresent()) {
                    return Optional.of(new VirtualGpu(vf.toString(), gpu.get(), VF_TYPE, Mechanism.SRIOV_VF, Optional.of(vf), DEVICES + vf));
                }
            }
        }
        return Backend.super.instance(known);
    }

    @Override
    public ScheduleHint scheduleHint(GpuId gpu)
    {
        return ScheduleHint.of(context.inventory().device(gpu.pciAddress().orElseThrow()).orElseThrow());
    }

    private List<PciAddress> freeVfs(List<PciAddress> vfs)
    {
        return vfs.stream().filter(this::isFree).toList();
    }

    private boolean isFree(PciAddress vf)
    {
        boolean reserved = context.fs().read(DEVICES + vf + "/driver_override").filter(value -> !value.equals("(null)")).isPresent();
        boolean onVfio = context.fs().linkName(DEVICES + vf + "/driver").filter("vfio-pci"::equals).isPresent();
        return !reserved && !onVfio;
    }

    private static String typeDirectory(PciAddress gpu, String type)
    {
        return DEVICES + gpu + "/mdev_supported_types/" + type;
    }
}
