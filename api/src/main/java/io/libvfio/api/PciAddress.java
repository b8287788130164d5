package io.libvfio.api;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PCI function address, {@code DDDD:BB:dd.f} as the kernel names devices in sysfs.
 * Parsing is strict: a value that is not exactly an address is refused, so an address can
 * always be used as a file name or a QEMU option.
 */
public record PciAddress(int domain, int bus, int device, int function)
        implements Comparable<PciAddress>
{
    // Domains are 4 hex digits, or up to 8 for Intel VMD (10000:e0:06.0); the short form has none.
    private static final Pattern FORMAT = Pattern.compile(
            "(?:([0-9a-fA-F]{4,8}):)?([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\\.([0-7])");
    private static final Comparator<PciAddress> ORDER = Comparator.comparingInt(PciAddress::domain)
            .thenComparingInt(PciAddress::bus)
            .thenComparingInt(PciAddress::device)
            .thenComparingInt(PciAddress::function);

    public PciAddress
    {
        if (domain < 0 || bus < 0 || bus > 0xff || device < 0 || device > 0x1f || function < 0 || function > 7) {
            throw new VfioException(StandardErrorCode.INVALID_PCI_ADDRESS,
                    "invalid PCI address %x:%x:%x.%x".formatted(domain, bus, device, function));
        }
    }

    /**
     * Parses {@code 0000:3b:00.0} (or the short {@code 3b:00.0}, domain 0). Hex digits may be
     * either case; {@link #toString()} gives the kernel's lowercase form.
     */
    public static PciAddress parse(String text)
    {
        if (text == null) {
            throw invalid("null");
        }
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            throw invalid(text);
        }
        int device = Integer.parseInt(matcher.group(3), 16);
        if (device > 0x1f) {
            throw new VfioException(StandardErrorCode.INVALID_PCI_ADDRESS,
                    "invalid PCI address '%s': device number %s is above 1f".formatted(text, matcher.group(3)));
        }
        String domain = matcher.group(1);
        return new PciAddress(
                domain == null ? 0 : (int) Long.parseLong(domain, 16),
                Integer.parseInt(matcher.group(2), 16),
                device,
                Integer.parseInt(matcher.group(4)));
    }

    public static boolean isValid(String text)
    {
        if (text == null || !FORMAT.matcher(text).matches()) {
            return false;
        }
        return Integer.parseInt(text.substring(text.length() - 4, text.length() - 2), 16) <= 0x1f;
    }

    /** The address of function {@code function} in the same slot. */
    public PciAddress withFunction(int function)
    {
        return new PciAddress(domain, bus, device, function);
    }

    /** True when both addresses name functions of the same physical slot. */
    public boolean sameSlot(PciAddress other)
    {
        return domain == other.domain && bus == other.bus && device == other.device;
    }

    @Override
    public int compareTo(PciAddress other)
    {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString()
    {
        return "%04x:%02x:%02x.%x".formatted(domain, bus, device, function);
    }

    private static VfioException invalid(String text)
    {
        return new VfioException(StandardErrorCode.INVALID_PCI_ADDRESS,
                "invalid PCI address '%s': expected DDDD:BB:DD.F, for example 0000:01:00.0".formatted(text));
    }
}
