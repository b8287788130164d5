package io.libvfio.testkit.contract;

import io.libvfio.api.CpuList;
import io.libvfio.api.CreateRequest;
import io.libvfio.api.Gpu;
import io.libvfio.api.HostInventory;
import io.libvfio.api.Mechanism;
import io.libvfio.api.GpuId;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.PciNames;
import io.libvfio.api.ScheduleHint;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Capability;
import io.libvfio.api.spi.CommandRunner;
import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.Probe;
import io.libvfio.api.spi.UndoLog;
import io.libvfio.testkit.FakeKernel;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * The smallest backend that keeps the contract, so the contract kit can be tested without the
 * runtime: mdev types on one PCI GPU, read straight from sysfs. {@link #careless} makes one that
 * breaks the rollback rule (it takes two instances and never undoes the first), which the kit must catch.
 */
final class KitMdevBackend
        implements Backend
{
    static final PciAddress GPU = PciAddress.parse("0000:01:00.0");
    private static final String DEVICE = "/sys/bus/pci/devices/" + GPU;

    private final HostFs fs;
    private final boolean careless;

    private KitMdevBackend(HostFs fs, boolean careless)
    {
        this.fs = fs;
        this.careless = careless;
    }

    static BackendProvider provider(boolean careless)
    {
        return new BackendProvider()
        {
            @Override
            public String name()
            {
                return careless ? "kit-careless" : "kit-mdev";
            }

            @Override
            public String description()
            {
                return "mdev types of one simulated GPU (contract kit self-test)";
            }

            @Override
            public int priority()
            {
                return 0;
            }

            @Override
            public Probe probe(BackendContext context)
            {
                return context.fs().isDirectory(DEVICE + "/mdev_supported_types") ? Probe.supported("1 GPU with mdev types") : Probe.unsupported("no GPU at " + GPU);
            }

            @Override
            public Backend create(BackendContext context)
            {
                return new KitMdevBackend(context.fs(), careless);
            }
        };
    }

    /** A context of nothing but the fake kernel. */
    static BackendContext context(FakeKernel kernel)
    {
        return new BackendContext()
        {
            @Override
            public HostFs fs()
            {
                return kernel;
            }

            @Override
            public HostInventory inventory()
            {
                return new HostInventory(List.of(), List.of(), List.of(), List.of(), true, List.of());
            }

            @Override
            public CommandRunner commands()
            {
                throw new UnsupportedOperationException("no commands in the kit self-test");
            }

            @Override
            public Clock clock()
            {
                return Clock.systemUTC();
            }

            @Override
            public Map<String, String> config()
            {
                return Map.of();
            }
        };
    }

    @Override
    public Set<Capability> capabilities()
    {
        return Set.of(Capability.CREATE, Capability.DESTROY, Capability.LIST_INSTANCES);
    }

    @Override
    public Set<Mechanism> mechanisms()
    {
        return Set.of(Mechanism.MDEV);
    }

    @Override
    public List<Gpu> discover()
    {
        if (!fs.isDirectory(DEVICE + "/mdev_supported_types")) {
            return List.of();
        }
        PciDevice device = new PciDevice(GPU, 0x1234, 0x1111, 0, 0, 0x030000, 0, Optional.empty(), OptionalInt.empty(), CpuList.empty(),
                OptionalInt.of(1), Optional.of(false), Optional.empty(), Optional.empty(), Optional.empty(), PciNames.none());
        return List.of(new Gpu(device, "kit GPU", List.of(Mechanism.MDEV), Optional.empty(), Map.of()));
    }

    @Override
    public List<VgpuType> listTypes(GpuId gpu)
    {
        if (!gpu.is(GPU)) {
            throw new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, "no GPU at " + gpu);
        }
        List<VgpuType> types = new ArrayList<>();
        for (String id : fs.list(DEVICE + "/mdev_supported_types")) {
            String dir = DEVICE + "/mdev_supported_types/" + id;
            int available = Integer.parseInt(fs.readRequired(dir + "/available_instances"));
            int created = fs.list(dir + "/devices").size();
            types.add(new VgpuType(id, fs.read(dir + "/name").orElse(id), gpu, Mechanism.MDEV, 64, 1, Optional.empty(), available + created, available, Map.of()));
        }
        return types;
    }

    @Override
    public VirtualGpu create(CreateRequest request)
    {
        String dir = DEVICE + "/mdev_supported_types/" + request.typeId();
        if (!request.parent().is(GPU) || !fs.isDirectory(dir)) {
            throw new VfioException(StandardErrorCode.TYPE_NOT_FOUND, "no type " + request.typeId() + " on " + request.parent());
        }
        String uuid = request.instanceId().orElseGet(() -> UUID.randomUUID().toString());
        UndoLog undo = new UndoLog();
        try {
            fs.write(dir + "/create", uuid);
            if (!careless) {
                undo.record("remove " + uuid, () -> fs.write("/sys/bus/mdev/devices/" + uuid + "/remove", "1"));
            }
            else {
                fs.write(DEVICE + "/mdev_supported_types/" + request.typeId() + "/create", UUID.randomUUID().toString());
            }
            undo.commit();
        }
        catch (RuntimeException e) {
            throw undo.rollback(e);
        }
        return new VirtualGpu(uuid, GPU, request.typeId(), Mechanism.MDEV, Optional.empty(), "/sys/bus/mdev/devices/" + uuid);
    }

    @Override
    public void destroy(VirtualGpu instance)
    {
        String remove = "/sys/bus/mdev/devices/" + instance.id() + "/remove";
        if (!fs.exists(remove)) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND, "no mdev " + instance.id());
        }
        fs.write(remove, "1");
    }

    @Override
    public List<VirtualGpu> instances()
    {
        List<VirtualGpu> instances = new ArrayList<>();
        for (String id : fs.list(DEVICE + "/mdev_supported_types")) {
            for (String uuid : fs.list(DEVICE + "/mdev_supported_types/" + id + "/devices")) {
                instances.add(new VirtualGpu(uuid, GPU, id, Mechanism.MDEV, Optional.empty(), "/sys/bus/mdev/devices/" + uuid));
            }
        }
        return instances;
    }

    @Override
    public ScheduleHint scheduleHint(GpuId gpu)
    {
        return new ScheduleHint(gpu, OptionalInt.empty(), CpuList.empty(), OptionalInt.of(1), OptionalInt.empty(), Optional.empty());
    }
}
