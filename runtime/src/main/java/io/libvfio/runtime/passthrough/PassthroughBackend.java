package io.libvfio.runtime.passthrough;

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
import io.libvfio.api.spi.UndoLog;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Whole-GPU passthrough on one host. Its one type, {@code passthrough}, takes every endpoint of
 * the GPU's IOMMU group. {@link #create} reserves them the way SR-IOV backends reserve a VF:
 * it writes {@code vfio-pci} to each one's {@code driver_override} (so no other driver and no
 * other libvfio process takes them); the runtime then binds them to {@code vfio-pci}, and on
 * destroy gives them back before {@link #destroy} clears the overrides. A GPU is in use (an
 * instance, not available) while any endpoint of its group has {@code driver_override}
 * {@code vfio-pci} or is bound to {@code vfio-pci}, whoever did it.
 */
final class PassthroughBackend
        implements Backend
{
    static final String TYPE = "passthrough";
    private static final String VFIO_PCI = "vfio-pci";
    private static final String DEVICES = "/sys/bus/pci/devices/";

    private final BackendContext context;

    PassthroughBackend(BackendContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Set<Capability> capabilities()
    {
        return EnumSet.of(Capability.CREATE, Capability.DESTROY, Capability.LIST_INSTANCES);
    }

    @Override
    public Set<Mechanism> mechanisms()
    {
        return EnumSet.of(Mechanism.PASSTHROUGH);
    }

    @Override
    public List<Gpu> discover()
    {
        List<Gpu> gpus = new ArrayList<>();
        for (PciDevice device : context.inventory().gpus()) {
            if (device.iommuGroup().isPresent()) {
                gpus.add(new Gpu(device, device.displayName(), List.of(Mechanism.PASSTHROUGH), Optional.empty(), Map.of()));
            }
        }
        return gpus;
    }

    @Override
    public List<VgpuType> listTypes(GpuId gpu)
    {
        // No method reference or String.formatted: 'libvfio types' runs this in a cold JVM.
        Optional<PciAddress> address = gpu.pciAddress();
        Optional<PciDevice> device = address.isPresent() ? groupedGpu(address.get()) : Optional.empty();
        if (device.isEmpty()) {
            return List.of();
        }
        List<PciAddress> endpoints = endpoints(device.get());
        int available = inUse(endpoints) ? 0 : 1;
        return List.of(new VgpuType(TYPE, "whole GPU (" + endpoints.size() + " function" + (endpoints.size() == 1 ? "" : "s") + " of IOMMU group "
                + device.get().iommuGroup().getAsInt() + ")", gpu, Mechanism.PASSTHROUGH, 0, 0, Optional.empty(), 1, available,
                Map.of("functions", join(endpoints))));
    }

    @Override
    public VirtualGpu create(CreateRequest request)
    {
        if (!request.typeId().equals(TYPE)) {
            throw new VfioException(StandardErrorCode.TYPE_NOT_FOUND, "GPU %s has no type '%s' for passthrough (its one type is '%s')".formatted(
                    request.parent(), request.typeId(), TYPE));
        }
        PciDevice gpu = request.parent().pciAddress().flatMap(this::groupedGpu).orElseThrow(() -> new VfioException(StandardErrorCode.DEVICE_NOT_FOUND,
                "%s is not a GPU in an IOMMU group, so it cannot be passed through".formatted(request.parent())));
        List<PciAddress> endpoints = endpoints(gpu);
        for (PciAddress endpoint : endpoints) {
            Optional<String> override = override(endpoint);
            if (override.isPresent() || driver(endpoint).filter(VFIO_PCI::equals).isPresent()) {
                throw new VfioException(StandardErrorCode.NO_CAPACITY, "GPU %s is already taken: %s has %s".formatted(gpu.address(), endpoint,
                        override.isPresent() ? "driver_override " + override.get() : "driver vfio-pci"));
            }
        }
        UndoLog undo = new UndoLog();
        try {
            for (PciAddress endpoint : endpoints) {
                context.fs().write(DEVICES + endpoint + "/driver_override", VFIO_PCI);
                undo.record("clear driver_override of " + endpoint, new WriteOverride(endpoint, "\n"));
            }
            undo.commit();
        }
        catch (RuntimeException e) {
            throw undo.rollback(e);
        }
        return instance(gpu);
    }

    @Override
    public void destroy(VirtualGpu instance)
    {
        Optional<PciDevice> gpu = instance.parent().pciAddress().flatMap(this::groupedGpu);
        if (gpu.isEmpty() || !instance.id().equals(instance.parent().toString())) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND, "no passthrough instance %s".formatted(instance.id()));
        }
        List<PciAddress> reserved = new ArrayList<>();
        for (PciAddress endpoint : endpoints(gpu.get())) {
            if (override(endpoint).filter(VFIO_PCI::equals).isPresent()) {
                reserved.add(endpoint);
            }
        }
        if (reserved.isEmpty()) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND, "GPU %s is not reserved for passthrough".formatted(instance.parent()));
        }
        UndoLog undo = new UndoLog();
        try {
            for (PciAddress endpoint : reserved) {
                context.fs().write(DEVICES + endpoint + "/driver_override", "\n");
                undo.record("reserve " + endpoint + " again", new WriteOverride(endpoint, VFIO_PCI));
            }
            undo.commit();
        }
        catch (RuntimeException e) {
            throw undo.rollback(e);
        }
    }

    @Override
    public List<VirtualGpu> instances()
    {
        List<VirtualGpu> instances = new ArrayList<>();
        for (PciDevice device : context.inventory().gpus()) {
            if (device.iommuGroup().isPresent() && inUse(endpoints(device))) {
                instances.add(instance(device));
            }
        }
        return instances;
    }

    @Override
    public ScheduleHint scheduleHint(GpuId gpu)
    {
        PciDevice device = gpu.pciAddress().flatMap(context.inventory()::device).orElseThrow(() -> new VfioException(StandardErrorCode.DEVICE_NOT_FOUND,
                "no PCI device %s on this host".formatted(gpu)));
        return ScheduleHint.of(device);
    }

    private static VirtualGpu instance(PciDevice gpu)
    {
        return new VirtualGpu(gpu.address().toString(), gpu.address(), TYPE, Mechanism.PASSTHROUGH, Optional.of(gpu.address()), DEVICES + gpu.address());
    }

    private Optional<PciDevice> groupedGpu(PciAddress address)
    {
        for (PciDevice gpu : context.inventory().gpus()) {
            if (gpu.address().equals(address) && gpu.iommuGroup().isPresent()) {
                return Optional.of(gpu);
            }
        }
        return Optional.empty();
    }

    /** The GPU first, then the other endpoints of its group (bridges and ports excluded), in address order. */
    private List<PciAddress> endpoints(PciDevice gpu)
    {
        List<PciAddress> endpoints = new ArrayList<>();
        endpoints.add(gpu.address());
        List<String> members = context.fs().list("/sys/kernel/iommu_groups/" + gpu.iommuGroup().getAsInt() + "/devices");
        for (String name : members) {
            if (!PciAddress.isValid(name)) {
                continue;
            }
            PciAddress member = PciAddress.parse(name);
            Optional<PciDevice> device = context.inventory().device(member);
            boolean bridge = device.isPresent() ? device.get().isBridge() || device.get().isBoundTo("pcieport") : false;
            if (!member.equals(gpu.address()) && !bridge) {
                endpoints.add(member);
            }
        }
        return endpoints;
    }

    private boolean inUse(List<PciAddress> endpoints)
    {
        for (PciAddress endpoint : endpoints) {
            if (override(endpoint).filter(VFIO_PCI::equals).isPresent() || driver(endpoint).filter(VFIO_PCI::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private Optional<String> override(PciAddress function)
    {
        Optional<String> value = context.fs().read(DEVICES + function + "/driver_override");
        return value.isEmpty() || value.get().isEmpty() || value.get().equals("(null)") ? Optional.empty() : value;
    }

    private Optional<String> driver(PciAddress function)
    {
        return context.fs().linkName(DEVICES + function + "/driver");
    }

    private static String join(List<PciAddress> addresses)
    {
        List<String> names = new ArrayList<>();
        for (PciAddress address : addresses) {
            names.add(address.toString());
        }
        return String.join(",", names);
    }

    /** Writes a {@code driver_override}: the undo of a reservation or of its release. */
    private final class WriteOverride
            implements Runnable
    {
        private final PciAddress function;
        private final String value;

        WriteOverride(PciAddress function, String value)
        {
            this.function = function;
            this.value = value;
        }

        @Override
        public void run()
        {
            context.fs().write(DEVICES + function + "/driver_override", value);
        }
    }
}
