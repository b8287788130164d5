package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.Mechanism;
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
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * GVT-g vGPUs as mdevs of the iGPU (sysfs-spec §2, §3): a UUID written to
 * {@code <parent>/mdev_supported_types/i915-GVTg_<type>/create} makes one, {@code 1} written to
 * {@code /sys/bus/mdev/devices/<uuid>/remove} ends it. Everything is checked before the one write,
 * so a refused request writes nothing; a create whose later step fails removes the mdev again.
 */
final class GvtgMdevs
{
    static final String DEVICES = "/sys/bus/pci/devices";
    static final String MDEV_DEVICES = "/sys/bus/mdev/devices";
    private static final Pattern TYPE_ID = Pattern.compile("i915-GVTg_V[0-9]+_[0-9]+");

    private final HostFs fs;
    private final BackendContext context;

    GvtgMdevs(BackendContext context)
    {
        this.context = context;
        this.fs = context.fs();
    }

    /** {@code parent} is known to be a GVT-g iGPU of this backend with {@code offered} types. */
    VirtualGpu create(CreateRequest request, List<String> offered, List<PciAddress> parents)
    {
        PciAddress parent = request.parent().pciAddress().orElseThrow();
        String type = request.typeId();
        if (!TYPE_ID.matcher(type).matches() || !offered.contains(type)) {
            throw new VfioException(StandardErrorCode.TYPE_NOT_FOUND, "%s offers no GVT-g type '%s' (types: %s)".formatted(
                    parent, type, offered.isEmpty() ? "none" : String.join(", ", offered)));
        }
        String uuid = request.instanceId().map(MdevUuid::parse).orElseGet(MdevUuid::random);
        if (fs.exists(MDEV_DEVICES + "/" + uuid) || list(parents).stream().anyMatch(existing -> existing.id().equals(uuid))) {
            throw new VfioException(StandardErrorCode.ALREADY_EXISTS, "an mdev with UUID %s already exists (%s/%s)".formatted(uuid, MDEV_DEVICES, uuid));
        }
        String typeDirectory = typeDirectory(parent, type);
        String availablePath = typeDirectory + "/available_instances";
        long available = SysfsValues.unsigned(availablePath, fs.readRequired(availablePath));
        if (available == 0) {
            throw new VfioException(StandardErrorCode.NO_CAPACITY, "%s on %s has no free instance (%s reads 0)".formatted(type, parent, availablePath));
        }
        UndoLog undo = new UndoLog();
        try {
            write(typeDirectory + "/create", uuid, error -> MdevWriteErrors.create(error, type, uuid));
            undo.record("remove mdev " + uuid, () -> fs.write(MDEV_DEVICES + "/" + uuid + "/remove", "1"));
            if (!context.dryRun() && !fs.isDirectory(MDEV_DEVICES + "/" + uuid)) {
                throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED,
                        "%s/create accepted %s but %s/%s did not appear".formatted(typeDirectory, uuid, MDEV_DEVICES, uuid));
            }
            undo.commit();
        }
        catch (RuntimeException e) {
            throw undo.rollback(e);
        }
        return instance(uuid, parent, type);
    }

    /** Removes a GVT-g mdev of {@code parents}; another backend's mdev, or none, is {@code INSTANCE_NOT_FOUND}. */
    void destroy(VirtualGpu instance, List<PciAddress> parents)
    {
        String uuid = MdevUuid.parse(instance.id());
        Optional<VirtualGpu> found = list(parents).stream().filter(existing -> existing.id().equals(uuid)).findFirst();
        if (found.isEmpty()) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND, "no GVT-g vGPU %s on this host (%s/%s does not exist or is not a GVT-g mdev)"
                    .formatted(uuid, MDEV_DEVICES, uuid));
        }
        write(MDEV_DEVICES + "/" + uuid + "/remove", "1", error -> MdevWriteErrors.remove(error, uuid));
    }

    /** The GVT-g mdevs of {@code parents}, by type directory. */
    List<VirtualGpu> list(List<PciAddress> parents)
    {
        List<VirtualGpu> instances = new ArrayList<>();
        for (PciAddress parent : parents) {
            String types = DEVICES + "/" + parent + "/mdev_supported_types";
            for (String type : fs.list(types)) {
                if (!TYPE_ID.matcher(type).matches()) {
                    continue;
                }
                for (String uuid : fs.list(types + "/" + type + "/devices")) {
                    if (MdevUuid.isValid(uuid)) {
                        instances.add(instance(uuid, parent, type));
                    }
                }
            }
        }
        return instances;
    }

    private static String typeDirectory(PciAddress parent, String type)
    {
        return DEVICES + "/" + parent + "/mdev_supported_types/" + type;
    }

    private static VirtualGpu instance(String uuid, PciAddress parent, String type)
    {
        return new VirtualGpu(uuid, parent, type, Mechanism.MDEV, Optional.empty(), MDEV_DEVICES + "/" + uuid);
    }

    private void write(String path, String value, UnaryOperator<VfioException> meaning)
    {
        try {
            fs.write(path, value);
        }
        catch (VfioException e) {
            throw meaning.apply(e);
        }
    }
}
