package io.libvfio.runtime.vgpu;

import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;

import java.util.Optional;
import java.util.OptionalInt;

/** The sysfs files of one PCI function that binding reads, read live (never from a cached inventory). */
final class PciFunctionFiles
{
    static final String DEVICES = "/sys/bus/pci/devices/";
    static final String DRIVERS = "/sys/bus/pci/drivers/";
    static final String NULL_OVERRIDE = "(null)";

    private PciFunctionFiles()
    {
    }

    static String directory(PciAddress function)
    {
        return DEVICES + function;
    }

    static Optional<String> driver(HostFs fs, PciAddress function)
    {
        return fs.linkName(directory(function) + "/driver");
    }

    /** {@code driver_override}, empty when it reads {@code (null)} or the file is missing. */
    static Optional<String> override(HostFs fs, PciAddress function)
    {
        Optional<String> value = fs.read(directory(function) + "/driver_override");
        return value.isEmpty() || value.get().isEmpty() || value.get().equals(NULL_OVERRIDE) ? Optional.empty() : value;
    }

    static OptionalInt iommuGroup(HostFs fs, PciAddress function)
    {
        Optional<String> group = fs.linkName(directory(function) + "/iommu_group");
        if (group.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(group.get()));
        }
        catch (NumberFormatException e) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED,
                    "%s/iommu_group: malformed group '%s' (expected a decimal number)".formatted(directory(function), group.get()), e);
        }
    }

    /** True for PCI bridges (class 0x0604xx) and ports on {@code pcieport}: exempt from group viability. */
    static boolean isBridge(HostFs fs, PciAddress function)
    {
        if (driver(fs, function).filter("pcieport"::equals).isPresent()) {
            return true;
        }
        Optional<String> classCode = fs.read(directory(function) + "/class");
        return classCode.isPresent() && classCode.get().startsWith("0x0604");
    }

    /** Drivers that leave an IOMMU group viable: VFIO drivers and {@code pci-stub}. */
    static boolean isViableDriver(String driver)
    {
        return isVfioDriver(driver) || driver.equals("pci-stub");
    }

    /** {@code vfio-pci} and its variant drivers ({@code mlx5_vfio_pci}, {@code nvgrace-gpu-vfio-pci}). */
    static boolean isVfioDriver(String driver)
    {
        return driver.equals("vfio-pci") || driver.endsWith("_vfio_pci") || driver.endsWith("-vfio-pci");
    }
}
