package io.libvfio.api;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Which GPU: its PCI address in the kernel's form ({@code 0000:3b:00.0}) for a PCI device, or a
 * device name ({@code mbochs}) for an mdev parent that is not a PCI device, such as the kernel's
 * sample drivers. A name is {@code [A-Za-z0-9][A-Za-z0-9_.-]*}, at most 64 characters: it is safe
 * as one path component and as a QEMU option value.
 */
public final class GpuId
        implements Comparable<GpuId>
{
    private static final int MAX_NAME_LENGTH = 64;

    private final String value;
    private final PciAddress address;

    private GpuId(String value, PciAddress address)
    {
        this.value = value;
        this.address = address;
    }

    public static GpuId of(PciAddress address)
    {
        requireNonNull(address, "address is null");
        return new GpuId(address.toString(), address);
    }

    /**
     * A PCI address (either case, short form allowed; canonicalised) or a device name.
     *
     * @throws VfioException {@code INVALID_NAME} for text that is neither
     */
    public static GpuId parse(String text)
    {
        if (text != null && PciAddress.isValid(text)) {
            return of(PciAddress.parse(text));
        }
        if (!isValidName(text)) {
            throw new VfioException(StandardErrorCode.INVALID_NAME,
                    "invalid GPU '" + text + "': expected a PCI address such as 0000:01:00.0 or a device name of letters, digits, '_', '.' and '-'");
        }
        return new GpuId(text, null);
    }

    public static boolean isValidName(String text)
    {
        if (text == null || text.isEmpty() || text.length() > MAX_NAME_LENGTH || !isAlphanumeric(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isAlphanumeric(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphanumeric(char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    public String value()
    {
        return value;
    }

    public Optional<PciAddress> pciAddress()
    {
        return Optional.ofNullable(address);
    }

    public boolean isPci()
    {
        return address != null;
    }

    /** True when this is the GPU at {@code other}. */
    public boolean is(PciAddress other)
    {
        return address != null && address.equals(other);
    }

    /** PCI GPUs first, in address order; then named devices by name. */
    @Override
    public int compareTo(GpuId other)
    {
        if (address != null && other.address != null) {
            return address.compareTo(other.address);
        }
        if (address != null || other.address != null) {
            return address != null ? -1 : 1;
        }
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof GpuId other && value.equals(other.value);
    }

    @Override
    public int hashCode()
    {
        return value.hashCode();
    }

    @Override
    public String toString()
    {
        return value;
    }
}
