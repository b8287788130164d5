package io.libvfio.sample.mbochs;

import io.libvfio.api.CpuList;
import io.libvfio.api.CreateRequest;
import io.libvfio.api.Errno;
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
import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.UndoLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * mbochs as a GPU with mdev types. Creating an instance is one write of a UUID to the type's
 * {@code create}, destroying one a {@code 1} to the device's {@code remove}; the kernel does the
 * rest (the device, its emulated IOMMU group, {@code /dev/vfio/<group>}).
 */
final class MbochsBackend
        implements Backend
{
    /** The one GPU this backend serves: a device name, as mbochs is no PCI function. */
    static final GpuId GPU = GpuId.parse(MbochsSysfs.PARENT);

    private final HostFs fs;
    private final MbochsTypes types;

    MbochsBackend(BackendContext context)
    {
        this.fs = requireNonNull(context, "context is null").fs();
        this.types = new MbochsTypes(fs);
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
        if (!types.present()) {
            return List.of();
        }
        return List.of(new Gpu(GPU, Optional.empty(), "mbochs virtual display (kernel sample driver)", List.of(Mechanism.MDEV), Optional.empty(),
                Map.of("driver", MbochsSysfs.PARENT)));
    }

    @Override
    public List<VgpuType> listTypes(GpuId gpu)
    {
        requireOwn(gpu);
        List<MbochsType> all = types.read();
        List<VgpuType> result = new ArrayList<>();
        for (MbochsType type : all) {
            long max = types.maxInstances(type, all);
            result.add(new VgpuType(type.id(), type.name(), GPU, Mechanism.MDEV, type.megabytes(), 1, Optional.empty(),
                    (int) Math.min(Integer.MAX_VALUE, Math.max(max, type.available())), type.available(), Map.of()));
        }
        return result;
    }

    @Override
    public VirtualGpu create(CreateRequest request)
    {
        requireOwn(request.parent());
        MbochsType type = type(request.typeId());
        String uuid = request.instanceId().isPresent() ? MdevUuid.parse(request.instanceId().get()) : MdevUuid.random();
        if (fs.exists(MbochsSysfs.device(uuid))) {
            throw new VfioException(StandardErrorCode.ALREADY_EXISTS, "an mdev " + uuid + " already exists (" + MbochsSysfs.device(uuid) + ")");
        }
        if (type.available() == 0) {
            throw new VfioException(StandardErrorCode.NO_CAPACITY, "no room for another " + type.id() + " (" + type.megabytes()
                    + " MB) on mbochs: its video memory is taken by " + instanceCount() + " instances");
        }
        UndoLog undo = new UndoLog();
        try {
            write(MbochsSysfs.create(type.id()), uuid, type);
            undo.record("remove mdev " + uuid, () -> fs.write(MbochsSysfs.remove(uuid), "1"));
            undo.commit();
        }
        catch (RuntimeException e) {
            throw undo.rollback(e);
        }
        return instance(uuid, type.id());
    }

    @Override
    public void destroy(VirtualGpu instance)
    {
        String uuid = MdevUuid.parse(instance.id());
        String remove = MbochsSysfs.remove(uuid);
        // The device's type link names its driver's type: only an mbochs type is this backend's to remove.
        Optional<String> type = fs.linkName(MbochsSysfs.device(uuid) + "/mdev_type");
        boolean mbochs = type.isPresent() && type.get().startsWith(MbochsSysfs.PARENT + "-") && GpuId.isValidName(type.get())
                && fs.isDirectory(MbochsSysfs.type(type.get()));
        if (!fs.exists(remove) || !mbochs) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND, "no mbochs mdev " + uuid + " (see 'libvfio vgpus')");
        }
        fs.write(remove, "1");
    }

    @Override
    public List<VirtualGpu> instances()
    {
        if (!types.present()) {
            return List.of();
        }
        List<VirtualGpu> instances = new ArrayList<>();
        for (MbochsType type : types.read()) {
            for (String uuid : type.instances()) {
                instances.add(instance(uuid, type.id()));
            }
        }
        return instances;
    }

    /** mbochs has no NUMA node, CPUs or IOMMU group of its own: an empty hint. */
    @Override
    public ScheduleHint scheduleHint(GpuId gpu)
    {
        requireOwn(gpu);
        return new ScheduleHint(GPU, OptionalInt.empty(), CpuList.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty());
    }

    private void write(String path, String uuid, MbochsType type)
    {
        try {
            fs.write(path, uuid);
        }
        catch (VfioException e) {
            Optional<Errno> errno = e.errno();
            if (errno.isPresent() && errno.get() == Errno.ENOSPC) {
                throw new VfioException(StandardErrorCode.NO_CAPACITY, "no room for another " + type.id() + " on mbochs: " + e.getMessage(), Errno.ENOSPC, e);
            }
            if (errno.isPresent() && errno.get() == Errno.EEXIST) {
                throw new VfioException(StandardErrorCode.ALREADY_EXISTS, "an mdev " + uuid + " already exists: " + e.getMessage(), Errno.EEXIST, e);
            }
            throw e;
        }
    }

    private MbochsType type(String id)
    {
        List<MbochsType> all = types.read();
        for (MbochsType type : all) {
            if (type.id().equals(id)) {
                return type;
            }
        }
        List<String> ids = new ArrayList<>();
        for (MbochsType type : all) {
            ids.add(type.id());
        }
        throw new VfioException(StandardErrorCode.TYPE_NOT_FOUND, "mbochs has no type '" + id + "'; its types: " + String.join(", ", ids));
    }

    private int instanceCount()
    {
        return instances().size();
    }

    private static VirtualGpu instance(String uuid, String typeId)
    {
        return new VirtualGpu(uuid, GPU, typeId, Mechanism.MDEV, Optional.empty(), MbochsSysfs.device(uuid));
    }

    private static void requireOwn(GpuId gpu)
    {
        if (!GPU.equals(gpu)) {
            throw new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, "no GPU " + gpu + " in backend " + MbochsBackendProvider.NAME
                    + " (it serves only '" + GPU + "')");
        }
    }
}
