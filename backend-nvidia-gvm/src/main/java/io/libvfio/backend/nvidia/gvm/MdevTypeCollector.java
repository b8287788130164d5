package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.HostInventory;
import io.libvfio.api.Mechanism;
import io.libvfio.api.MdevParent;
import io.libvfio.api.MdevType;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The mdev types of one NVIDIA GPU (sysfs-spec §5.1, §5.2, §5.5), from the runtime's mdev
 * discovery. The parent is either the GPU itself or, on SR-IOV GPUs (Ampere mdev-on-VF), each of
 * its VFs; VF types are listed once per GPU with the free instances summed over the VFs. Only the
 * vendor {@code description} is parsed here; a type whose description is missing or malformed is
 * skipped with a problem that names the file.
 */
final class MdevTypeCollector
{
    static final String MDEV_BUS = "/sys/class/mdev_bus";

    private final HostInventory inventory;

    MdevTypeCollector(HostInventory inventory)
    {
        this.inventory = inventory;
    }

    /** The parents that belong to {@code gpu}: the GPU and its VFs. */
    List<MdevParent> parents(PciDevice gpu)
    {
        List<MdevParent> parents = new ArrayList<>();
        for (MdevParent parent : inventory.mdevParents()) {
            Optional<PciAddress> address = parent.pciAddress();
            if (address.isEmpty()) {
                continue;
            }
            boolean own = address.get().equals(gpu.address());
            if (!own) {
                Optional<PciDevice> device = inventory.device(address.get());
                own = device.isPresent() && device.get().physicalFunction().isPresent() && device.get().physicalFunction().get().equals(gpu.address());
            }
            if (own) {
                parents.add(parent);
            }
        }
        return parents;
    }

    /** Whether {@link #collect} would find any type: the first type with a usable description. */
    boolean anyType(List<MdevParent> parents)
    {
        for (MdevParent parent : parents) {
            for (MdevType type : parent.types()) {
                if (description(parent, type, new ArrayList<>()) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    List<VgpuType> collect(PciDevice gpu, List<MdevParent> parents, List<String> problems)
    {
        if (parents.isEmpty()) {
            return List.of();
        }
        Map<String, Accumulator> types = new LinkedHashMap<>();
        boolean onVfs = false;
        for (MdevParent parent : parents) {
            onVfs |= !(parent.pciAddress().isPresent() && parent.pciAddress().get().equals(gpu.address()));
            for (MdevType type : parent.types()) {
                MdevDescription description = description(parent, type, problems);
                if (description == null) {
                    continue;
                }
                Accumulator accumulator = types.get(type.id());
                if (accumulator == null) {
                    accumulator = new Accumulator(type, description);
                    types.put(type.id(), accumulator);
                }
                accumulator.add(type);
            }
        }
        List<VgpuType> collected = new ArrayList<>();
        for (Accumulator accumulator : types.values()) {
            collected.add(accumulator.toType(gpu.address(), onVfs));
        }
        collected.sort(new TypeOrder());
        return collected;
    }

    /** The parsed description of a type, or null (with a problem naming the file) when it is missing or malformed. */
    private static MdevDescription description(MdevParent parent, MdevType type, List<String> problems)
    {
        String path = MDEV_BUS + "/" + parent.name() + "/mdev_supported_types/" + type.id() + "/description";
        if (type.description().isEmpty()) {
            problems.add(path + ": missing; mdev type " + type.id() + " skipped");
            return null;
        }
        try {
            return MdevDescription.parse(path, type.description().get());
        }
        catch (VfioException e) {
            problems.add(e.getMessage() + "; mdev type " + type.id() + " skipped");
            return null;
        }
    }

    /** By the number after the last dash ({@code nvidia-588}), then by id. */
    private static final class TypeOrder
            implements Comparator<VgpuType>
    {
        @Override
        public int compare(VgpuType first, VgpuType second)
        {
            int byNumber = Long.compare(typeNumber(first.id()), typeNumber(second.id()));
            return byNumber != 0 ? byNumber : first.id().compareTo(second.id());
        }
    }

    private static long typeNumber(String id)
    {
        String digits = id.substring(id.lastIndexOf('-') + 1);
        if (digits.isEmpty() || digits.length() >= 10) {
            return Long.MAX_VALUE;
        }
        for (int index = 0; index < digits.length(); index++) {
            if (digits.charAt(index) < '0' || digits.charAt(index) > '9') {
                return Long.MAX_VALUE;
            }
        }
        return Long.parseLong(digits);
    }

    private static final class Accumulator
    {
        private final MdevType first;
        private final MdevDescription description;
        private int available;
        private int created;
        private int parents;

        Accumulator(MdevType first, MdevDescription description)
        {
            this.first = first;
            this.description = description;
        }

        void add(MdevType type)
        {
            available += type.availableInstances();
            created += type.devices().size();
            parents++;
        }

        VgpuType toType(PciAddress gpu, boolean onVfs)
        {
            String name = first.name().orElse(first.id());
            Map<String, String> properties = new TreeMap<>(description.otherKeys());
            Optional<String> series = VgpuProfileName.series(name);
            if (series.isPresent()) {
                properties.put("short_name", VgpuProfileName.shortName(name));
                properties.put("series", series.get());
            }
            properties.put("created", Integer.toString(created));
            properties.put("device_api", first.deviceApi());
            if (onVfs) {
                properties.put("parents", parents + " VFs (one vGPU per VF)");
            }
            int maxInstances = Math.max(description.maxInstances(), available + created);
            return new VgpuType(first.id(), name, gpu, Mechanism.MDEV, description.framebufferMib(), description.heads(),
                    Optional.of(description.maxResolution()), maxInstances, available, properties);
        }
    }
}
