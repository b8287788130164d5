package io.libvfio.api;

/**
 * A PCI function address, {@code DDDD:BB:dd.f} as the kernel names devices in sysfs.
 * Parsing is strict: a value that is not exactly an address is refused, so an address can
 * always be used as a file name or a QEMU option.
 */
public record PciAddress(int domain, int bus, int device, int function)
        implements Comparable<PciAddress>
{
    // Domains are 4 hex digits, or up to 8 for Intel VMD (10000:e0:06.0); the short form has none.
    private static final long INVALID = -1;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

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
        long parsed = scan(text);
        if (parsed == INVALID) {
            throw invalid(text);
        }
        int device = (int) (parsed >> 3) & 0xff;
        if (device > 0x1f) {
            throw new VfioException(StandardErrorCode.INVALID_PCI_ADDRESS,
                    "invalid PCI address '%s': device number %s is above 1f".formatted(text, text.substring(text.length() - 4, text.length() - 2)));
        }
        // An 8-digit domain above 7fffffff narrows to a negative int, which the constructor refuses.
        return new PciAddress((int) (parsed >>> 19), (int) (parsed >> 11) & 0xff, device, (int) parsed & 7);
    }

    public static boolean isValid(String text)
    {
        if (text == null) {
            return false;
        }
        long parsed = scan(text);
        return parsed != INVALID && ((parsed >> 3) & 0xff) <= 0x1f;
    }

    /**
     * Hand-written match of {@code (?:([0-9a-fA-F]{4,8}):)?([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\.([0-7])}
     * (no regex: this runs for every PCI function at start-up). Returns
     * {@code domain << 19 | bus << 11 | device << 3 | function}, or {@link #INVALID}.
     */
    private static long scan(String text)
    {
        int length = text.length();
        int domainDigits = length == 7 ? 0 : length - 8;
        if (length != 7 && (domainDigits < 4 || domainDigits > 8)) {
            return INVALID;
        }
        long domain = 0;
        for (int index = 0; index < domainDigits; index++) {
            int digit = hexDigit(text.charAt(index));
            if (digit < 0) {
                return INVALID;
            }
            domain = domain << 4 | digit;
        }
        if (domainDigits > 0 && text.charAt(domainDigits) != ':') {
            return INVALID;
        }
        int start = length - 7;
        int bus = hex2(text, start);
        int device = hex2(text, start + 3);
        char function = text.charAt(length - 1);
        if (bus < 0 || device < 0 || text.charAt(start + 2) != ':' || text.charAt(start + 5) != '.' || function < '0' || function > '7') {
            return INVALID;
        }
        return domain << 19 | (long) bus << 11 | (long) device << 3 | (function - '0');
    }

    private static int hex2(String text, int start)
    {
        int high = hexDigit(text.charAt(start));
        int low = hexDigit(text.charAt(start + 1));
        return high < 0 || low < 0 ? -1 : high << 4 | low;
    }

    private static int hexDigit(char character)
    {
        if (character >= '0' && character <= '9') {
            return character - '0';
        }
        if (character >= 'a' && character <= 'f') {
            return character - 'a' + 10;
        }
        if (character >= 'A' && character <= 'F') {
            return character - 'A' + 10;
        }
        return -1;
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
        if (domain != other.domain) {
            return Integer.compare(domain, other.domain);
        }
        return Integer.compare(bus << 8 | device << 3 | function, other.bus << 8 | other.device << 3 | other.function);
    }

    // equals, hashCode and toString by hand: a record's generated ones bootstrap through
    // invokedynamic (ObjectMethods), which spins method-handle classes on first use.
    @Override
    public boolean equals(Object other)
    {
        return other instanceof PciAddress address && domain == address.domain && bus == address.bus && device == address.device
                && function == address.function;
    }

    @Override
    public int hashCode()
    {
        return domain * 31 * 31 * 31 + bus * 31 * 31 + device * 31 + function;
    }

    @Override
    public String toString()
    {
        String domainDigits = Integer.toHexString(domain);
        int padding = Math.max(0, 4 - domainDigits.length());
        char[] text = new char[padding + domainDigits.length() + 8];
        int position = 0;
        while (position < padding) {
            text[position++] = '0';
        }
        domainDigits.getChars(0, domainDigits.length(), text, position);
        position += domainDigits.length();
        text[position++] = ':';
        text[position++] = HEX[bus >> 4];
        text[position++] = HEX[bus & 0xf];
        text[position++] = ':';
        text[position++] = HEX[device >> 4];
        text[position++] = HEX[device & 0xf];
        text[position++] = '.';
        text[position] = HEX[function];
        return new String(text);
    }

    private static VfioException invalid(String text)
    {
        return new VfioException(StandardErrorCode.INVALID_PCI_ADDRESS,
                "invalid PCI address '%s': expected DDDD:BB:DD.F, for example 0000:01:00.0".formatted(text));
    }
}
