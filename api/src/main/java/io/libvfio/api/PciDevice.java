package io.libvfio.api;

import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * One PCI function as the host's sysfs shows it.
 *
 * @param classCode the 24-bit class, {@code 0x030000} for a VGA controller
 * @param driver the bound driver's name, empty when unbound
 * @param numaNode the NUMA node, empty when the kernel reports {@code -1}
 * @param localCpus the CPUs near the device ({@code local_cpulist})
 * @param iommuGroup the IOMMU group, empty without an IOMMU
 * @param bootVga {@code boot_vga}, present only on VGA-class devices
 * @param driverOverride {@code driver_override}, empty when {@code (null)}
 * @param sriov present on SR-IOV physical functions
 * @param physicalFunction present on SR-IOV virtual functions
 * @param names vendor and device names from pci.ids, when the host has it
 */
public record PciDevice(
        PciAddress address,
        int vendorId,
        int deviceId,
        int subsystemVendorId,
        int subsystemDeviceId,
        int classCode,
        int revision,
        Optional<String> driver,
        OptionalInt numaNode,
        CpuList localCpus,
        OptionalInt iommuGroup,
        Optional<Boolean> bootVga,
        Optional<String> driverOverride,
        Optional<SriovInfo> sriov,
        Optional<PciAddress> physicalFunction,
        PciNames names)
{
    public static final int VENDOR_NVIDIA = 0x10de;
    public static final int VENDOR_INTEL = 0x8086;
    public static final int VENDOR_AMD = 0x1002;

    public PciDevice
    {
        requireNonNull(address, "address is null");
        requireNonNull(driver, "driver is null");
        requireNonNull(numaNode, "numaNode is null");
        requireNonNull(localCpus, "localCpus is null");
        requireNonNull(iommuGroup, "iommuGroup is null");
        requireNonNull(bootVga, "bootVga is null");
        requireNonNull(driverOverride, "driverOverride is null");
        requireNonNull(sriov, "sriov is null");
        requireNonNull(physicalFunction, "physicalFunction is null");
        requireNonNull(names, "names is null");
    }

    /** Display controllers: class 0x03 (VGA, XGA, 3D, other). */
    public boolean isDisplayController()
    {
        return (classCode >> 16) == 0x03;
    }

    /** PCI-to-PCI bridges (class 0x0604), exempt from IOMMU-group viability. */
    public boolean isBridge()
    {
        return (classCode >> 8) == 0x0604;
    }

    public boolean isVirtualFunction()
    {
        return physicalFunction.isPresent();
    }

    public boolean isBoundTo(String driverName)
    {
        return driver.isPresent() && driver.get().equals(driverName);
    }

    /** {@code vvvv:dddd}, as lspci -n prints it. */
    public String pciId()
    {
        return hex4(vendorId) + ":" + hex4(deviceId);
    }

    /** Device name from pci.ids, or the numeric id. */
    public String displayName()
    {
        if (names.device().isPresent()) {
            return names.device().get();
        }
        return names.vendor().isPresent() ? names.vendor().get() + " device " + hex4(deviceId) : pciId();
    }

    /** {@code "%04x"} without java.util.Formatter, which is slow to start. */
    private static String hex4(int value)
    {
        String digits = Integer.toHexString(value);
        return digits.length() >= 4 ? digits : "0000".substring(digits.length()) + digits;
    }
}
