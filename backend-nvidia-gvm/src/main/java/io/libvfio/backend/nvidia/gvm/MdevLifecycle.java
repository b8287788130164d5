package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.Mechanism;
import io.libvfio.api.MdevParent;
import io.libvfio.api.MdevType;
import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.SysfsValues;
import io.libvfio.api.spi.UndoLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Creates and removes NVIDIA mediated devices (sysfs-spec §2.2, §2.4, §5.1, §5.2): a UUID
 * written to {@code <parent>/mdev_supported_types/<type>/create}, {@code 1} written to
 * {@code /sys/bus/mdev/devices/<uuid>/remove}. The parent is the GPU, or on Ampere mdev-on-VF
 * GPUs the first of its VFs with a free instance (one vGPU per VF). Instance counts are read from
 * the host at the moment of the create, never from the inventory, which may be older.
 */
final class MdevLifecycle
{
    static final String MDEV_DEVICES = "/sys/bus/mdev/devices/";

    private final BackendContext context;
    private final HostFs fs;

    MdevLifecycle(BackendContext context)
    {
        this.context = requireNonNull(context, "context is null");
        this.fs = context.fs();
    }

    /** True when one of the GPU's mdev parents has this type. */
    static boolean offers(List<MdevParent> parents, String typeId)
    {
        for (MdevParent parent : parents) {
            for (MdevType type : parent.types()) {
                if (type.id().equals(typeId)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The canonical (lowercase) form of an mdev UUID, or a usage error naming the value. */
    static String uuid(String text)
    {
        if (text.length() != 36 || !UuidText.PATTERN.matcher(text).matches()) {
            throw VfioException.usage("'%s' is not a UUID (8-4-4-4-12 hexadecimal digits, e.g. %s)", text, "5a1d1bc4-8c35-4f0a-9c1e-3b2f6a7d9e01");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    VirtualGpu create(PciAddress gpu, List<MdevParent> parents, String typeId, Optional<String> instanceId)
    {
        String uuid = instanceId.isPresent() ? uuid(instanceId.get()) : UUID.randomUUID().toString();
        if (fs.exists(MDEV_DEVICES + uuid)) {
            throw new VfioException(StandardErrorCode.ALREADY_EXISTS, "an mdev %s already exists (%s)".formatted(uuid, MDEV_DEVICES + uuid));
        }
        String typeDirectory = freeTypeDirectory(gpu, parents, typeId);
        UndoLog undo = new UndoLog();
        try {
            write(typeDirectory + "/create", uuid, KernelRefusal.Write.MDEV_CREATE, "create %s on %s".formatted(typeId, gpu));
            undo.record("remove mdev " + uuid, () -> fs.write(MDEV_DEVICES + uuid + "/remove", "1"));
            if (!context.dryRun() && !fs.exists(MDEV_DEVICES + uuid)) {
                throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED,
                        "%s accepted %s but no %s appeared".formatted(typeDirectory + "/create", uuid, MDEV_DEVICES + uuid));
            }
            undo.commit();
        }
        catch (RuntimeException e) {
            throw undo.rollback(e);
        }
        return instance(uuid, gpu, typeId);
    }

    void destroy(VirtualGpu instance, List<MdevParent> parents)
    {
        String uuid = uuid(instance.id());
        String remove = MDEV_DEVICES + uuid + "/remove";
        if (!fs.exists(remove)) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND, "no mdev %s on this host (%s does not exist)".formatted(uuid, MDEV_DEVICES + uuid));
        }
        String parent = parentName(uuid);
        if (parents.stream().noneMatch(candidate -> candidate.name().equals(parent))) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND,
                    "mdev %s belongs to %s, not to GPU %s; nothing removed".formatted(uuid, parent, instance.parent()));
        }
        Optional<String> type = fs.linkName(MDEV_DEVICES + uuid + "/mdev_type");
        if (type.isPresent() && !type.get().equals(instance.typeId())) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND,
                    "mdev %s is of type %s, not %s; nothing removed".formatted(uuid, type.get(), instance.typeId()));
        }
        write(remove, "1", KernelRefusal.Write.MDEV_REMOVE, "remove mdev " + uuid);
    }

    /** The mdevs that exist now under the GPU's parents, read from each type's {@code devices/}. */
    List<VirtualGpu> instances(PciAddress gpu, List<MdevParent> parents)
    {
        List<VirtualGpu> instances = new ArrayList<>();
        for (MdevParent parent : parents) {
            for (MdevType type : parent.types()) {
                for (String uuid : fs.list(typeDirectory(parent, type.id()) + "/devices")) {
                    instances.add(instance(uuid, gpu, type.id()));
                }
            }
        }
        return instances;
    }

    /** The name of an mdev's parent device: the directory its {@code /sys/bus/mdev/devices} link points into. */
    private String parentName(String uuid)
    {
        String target = fs.readLink(MDEV_DEVICES + uuid).orElse("");
        int end = target.lastIndexOf('/');
        return end <= 0 ? "" : target.substring(target.lastIndexOf('/', end - 1) + 1, end);
    }

    private static VirtualGpu instance(String uuid, PciAddress gpu, String typeId)
    {
        return new VirtualGpu(uuid, gpu, typeId, Mechanism.MDEV, Optional.empty(), MDEV_DEVICES + uuid);
    }

    /** The type directory of the first parent with a free instance, or why there is none. */
    private String freeTypeDirectory(PciAddress gpu, List<MdevParent> parents, String typeId)
    {
        int created = 0;
        List<String> inUse = new ArrayList<>();
        for (MdevParent parent : parents) {
            for (MdevType type : parent.types()) {
                String directory = typeDirectory(parent, type.id());
                int instances = fs.list(directory + "/devices").size();
                if (type.id().equals(typeId)) {
                    String available = directory + "/available_instances";
                    if (SysfsValues.count(available, fs.readRequired(available)) > 0) {
                        return directory;
                    }
                    created += instances;
                }
                else if (instances > 0 && !inUse.contains(type.id())) {
                    inUse.add(type.id());
                }
            }
        }
        String why = !inUse.isEmpty()
                ? "the GPU runs %s, and an NVIDIA GPU runs one vGPU type at a time".formatted(String.join(", ", inUse))
                : created == 0 ? "the driver offers none now (available_instances is 0)"
                : "all %d instance%s taken".formatted(created, created == 1 ? " is" : "s are");
        throw new VfioException(StandardErrorCode.NO_CAPACITY, "no free instance of %s on %s: %s".formatted(typeId, gpu, why));
    }

    private static String typeDirectory(MdevParent parent, String typeId)
    {
        return VendorVfioCollector.DEVICES + "/" + parent.pciAddress().orElseThrow() + "/mdev_supported_types/" + typeId;
    }

    private void write(String path, String value, KernelRefusal.Write write, String action)
    {
        try {
            fs.write(path, value);
        }
        catch (VfioException e) {
            throw KernelRefusal.of(write, action, e);
        }
    }

    /** Compiled on first use, not when discovery loads this class: a regex costs a cold JVM several ms. */
    private static final class UuidText
    {
        static final Pattern PATTERN = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }
}
