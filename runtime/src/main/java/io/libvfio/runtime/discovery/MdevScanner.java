package io.libvfio.runtime.discovery;

import io.libvfio.api.MdevParent;
import io.libvfio.api.MdevType;
import io.libvfio.api.PciAddress;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code /sys/class/mdev_bus/<parent>/mdev_supported_types}. */
final class MdevScanner
{
    static final String MDEV_BUS = "/sys/class/mdev_bus";

    private final HostFs fs;

    MdevScanner(HostFs fs)
    {
        this.fs = fs;
    }

    List<MdevParent> scan(List<String> warnings)
    {
        List<MdevParent> parents = new ArrayList<>();
        for (String name : fs.list(MDEV_BUS)) {
            List<MdevType> types = new ArrayList<>();
            String typesDir = MDEV_BUS + "/" + name + "/mdev_supported_types";
            for (String type : fs.list(typesDir)) {
                try {
                    types.add(readType(type, typesDir + "/" + type));
                }
                catch (VfioException e) {
                    warnings.add("mdev type %s of %s skipped: %s".formatted(type, name, e.getMessage()));
                }
            }
            Optional<PciAddress> address = PciAddress.isValid(name) ? Optional.of(PciAddress.parse(name)) : Optional.empty();
            parents.add(new MdevParent(name, address, types));
        }
        return parents;
    }

    private MdevType readType(String id, String dir)
    {
        String available = dir + "/available_instances";
        int count = AttributeParser.decimal(available, fs.readRequired(available));
        if (count < 0) {
            throw AttributeParser.malformed(available, Integer.toString(count), "a count");
        }
        return new MdevType(
                id,
                fs.read(dir + "/name"),
                fs.read(dir + "/description"),
                count,
                fs.read(dir + "/device_api").orElse("vfio-pci"),
                fs.list(dir + "/devices"));
    }
}
