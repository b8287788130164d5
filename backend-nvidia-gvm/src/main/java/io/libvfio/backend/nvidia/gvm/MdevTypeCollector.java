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
            boolean own = address.get().equals(gpu.address())
                    || inventory.device(address.get()).flatMap(PciDevice::physicalFunction).filter(gpu.address()::equals).isPresent();
            if (own) {
                parents.add(parent);
            }
        }
        return parents;
    }

    List<VgpuType> collect(PciDevice gpu, List<MdevParent> parents, List<String> problems)
    {
        Map<String, Accumulator> types = new LinkedHashMap<>();
        for (MdevParent parent : parents) {
            for (MdevType type : parent.types()) {
                String path = MDEV_BUS + "/" + parent.name() + "/mdev_supported_types/" + type.id() + "/description";
                if (type.description().isEmpty()) {
                    problems.add("%s: missing; mdev type %s skipped".formatted(path, type.id()));
                    continue;
                }
                MdevDescription description;
                try {
                    description = MdevDescription.parse(path, type.description().get());
                }
                catch (VfioException e) {
                    problems.add(e.getMessage() + "; mdev type %s skipped".formatted(type.id()));
                    continue;
                }
                types.computeIfAbsent(type.id(), id -> new Accumulator(type, description)).add(type);
            }
        }
        boolean onVfs = parents.stream().anyMatch(parent -> !parent.pciAddress().filter(gpu.address()::equals).isPresent());
        return types.values().stream()
                .map(accumulator -> accumulator.toType(gpu.address(), onVfs))
                .sorted(Comparator.comparingLong((VgpuType type) -> typeNumber(type.id())).thenComparing(VgpuType::id))
                .toList();
    }

    private static long typeNumber(String id)
    {
        String digits = id.substring(id.lastIndexOf('-') + 1);
        return !digits.isEmpty() && digits.length() < 10 && digits.chars().allMatch(character -> character >= '0' && character <= '9')
                ? Long.parseLong(digits) : Long.MAX_VALUE;
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
            VgpuProfileName.series(name).ifPresent(series -> {
                properties.put("short_name", VgpuProfileName.shortName(name));
                properties.put("series", series);
            });
            properties.put("created", Integer.toString(created));
            properties.put("device_api", first.deviceApi());
            if (onVfs) {
                properties.put("parents", "%d VFs (one vGPU per VF)".formatted(parents));
            }
            int maxInstances = Math.max(description.maxInstances(), available + created);
            return new VgpuType(first.id(), name, gpu, Mechanism.MDEV, description.framebufferMib(), description.heads(),
                    Optional.of(description.maxResolution()), maxInstances, available, properties);
        }
    }
}
