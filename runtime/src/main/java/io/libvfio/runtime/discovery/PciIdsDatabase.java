package io.libvfio.runtime.discovery;

import io.libvfio.api.PciNames;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Vendor and device names from a pci.ids file ({@code /usr/share/misc/pci.ids} or
 * {@code /usr/share/hwdata/pci.ids}). Only the vendors asked for are looked up: each one's
 * line is found by a binary search over the vendor lines (the file is sorted by vendor id, with
 * rare exceptions, which a linear scan still finds) in pages read as the search needs them
 * ({@link PciIdsText}); each vendor's block of device lines is kept, and a device's line is found
 * in it only when its name is asked for.
 */
public final class PciIdsDatabase
{
    public static final List<String> LOCATIONS = List.of("usr/share/misc/pci.ids", "usr/share/hwdata/pci.ids");

    /** Below this many bytes the binary search hands over to a line-by-line scan. */
    private static final int SCAN_SPAN = 2048;

    private final Map<Integer, String> vendors;
    /** Each wanted vendor's device lines (the lines after its vendor line, up to the next vendor). */
    private final Map<Integer, byte[]> blocks;
    /** Names already looked up (a host has many functions of one device id, such as VFs). */
    private final Map<Long, PciNames> looked = new HashMap<>();

    private PciIdsDatabase(Map<Integer, String> vendors, Map<Integer, byte[]> blocks)
    {
        this.vendors = vendors;
        this.blocks = blocks;
    }

    public static PciIdsDatabase empty()
    {
        return new PciIdsDatabase(Map.of(), Map.of());
    }

    /** The first pci.ids found under any of {@code roots}, or an empty database. */
    public static PciIdsDatabase load(List<Path> roots, Set<Integer> wantedVendors)
    {
        for (Path root : roots) {
            for (String location : LOCATIONS) {
                // java.io rather than NIO channels: the read is one of the first in a cold JVM.
                File file = root.resolve(location).toFile();
                if (file.isFile() && file.canRead()) {
                    try (PciIdsText text = PciIdsText.open(file)) {
                        return parse(text, wantedVendors);
                    }
                    catch (IOException | UncheckedIOException e) {
                        return empty();
                    }
                }
            }
        }
        return empty();
    }

    /** {@link #load} for a set of roots, as the function {@link HostDiscovery} takes. */
    public static Function<Set<Integer>, PciIdsDatabase> loader(List<Path> roots)
    {
        List<Path> copy = List.copyOf(roots);
        // A class, not a lambda: a lambda's first link costs start-up time.
        return new Function<>()
        {
            @Override
            public PciIdsDatabase apply(Set<Integer> wantedVendors)
            {
                return load(copy, wantedVendors);
            }
        };
    }

    static PciIdsDatabase parse(byte[] text, Set<Integer> wantedVendors)
    {
        return parse(PciIdsText.of(text), wantedVendors);
    }

    static PciIdsDatabase parse(PciIdsText text, Set<Integer> wantedVendors)
    {
        Map<Integer, String> vendors = new HashMap<>();
        Map<Integer, byte[]> blocks = new HashMap<>();
        for (int vendor : wantedVendors) {
            int line = vendorLine(text, vendor);
            if (line >= 0) {
                int end = text.lineEnd(line);
                vendors.put(vendor, text.string(line + 4, end).strip());
                int first = Math.min(end + 1, text.length());
                blocks.put(vendor, text.bytes(first, blockEnd(text, first)));
            }
        }
        return new PciIdsDatabase(vendors, blocks);
    }

    /** Where the line {@code "vvvv  Vendor"} of {@code vendor} starts, or -1 when the file has none. */
    static int vendorLine(byte[] text, int vendor)
    {
        return vendorLine(PciIdsText.of(text), vendor);
    }

    static int vendorLine(PciIdsText text, int vendor)
    {
        int low = 0;
        int high = text.length();
        while (high - low > SCAN_SPAN) {
            int middle = (low + high) >>> 1;
            int line = nextVendorLine(text, middle, high);
            if (line < 0) {
                high = middle;
                continue;
            }
            int id = hex4(text, line);
            if (id == vendor) {
                return line;
            }
            if (id < vendor) {
                low = line + 1;
            }
            else {
                high = middle;
            }
        }
        int found = scan(text, low, high, vendor);
        // A vendor out of order (the file has a few) escapes the search: look at every line.
        return found >= 0 ? found : scan(text, 0, text.length(), vendor);
    }

    /** The first vendor line that starts in {@code [from, to)} at or after a line start, or -1. */
    private static int nextVendorLine(PciIdsText text, int from, int to)
    {
        int position = from == 0 || text.at(from - 1) == '\n' ? from : text.lineEnd(from) + 1;
        while (position < to) {
            int end = text.lineEnd(position);
            if (isVendorLine(text, position, end)) {
                return position;
            }
            position = end + 1;
        }
        return -1;
    }

    /** A vendor line: four hex digits first (comments, devices and "C" class lines are not). */
    private static boolean isVendorLine(PciIdsText text, int position, int end)
    {
        byte first = text.at(position);
        return first != '#' && first != '\t' && end - position > 6 && hex4(text, position) >= 0;
    }

    /** Where the block of device lines starting at {@code from} ends: the next line that is neither a device, a comment nor short. */
    private static int blockEnd(PciIdsText text, int from)
    {
        int position = from;
        while (position < text.length()) {
            int end = text.lineEnd(position);
            byte first = text.at(position);
            if (first != '\t' && first != '#' && end - position > 6) {
                return position;
            }
            position = end + 1;
        }
        return text.length();
    }

    private static int scan(PciIdsText text, int from, int to, int vendor)
    {
        int position = nextVendorLine(text, from, to);
        while (position >= 0) {
            if (hex4(text, position) == vendor) {
                return position;
            }
            position = nextVendorLine(text, text.lineEnd(position) + 1, to);
        }
        return -1;
    }

    /**
     * The name on the device line {@code "\tdddd  Device"} of a vendor's block (the last one,
     * should the block list the device twice), or null. One tight loop over the block, comparing
     * bytes: the block of a large vendor has thousands of lines, and only the device asked for
     * becomes a string.
     */
    private static String deviceName(byte[] block, int device)
    {
        byte[] digits = new byte[4];
        for (int index = 0; index < 4; index++) {
            digits[index] = (byte) Character.forDigit(device >> (12 - 4 * index) & 0xf, 16);
        }
        int found = -1;
        int length = block.length;
        int position = 0;
        while (position < length) {
            if (block[position] == '\t' && position + 5 < length && block[position + 1] != '\t' && sameHex(block[position + 1], digits[0])
                    && sameHex(block[position + 2], digits[1]) && sameHex(block[position + 3], digits[2]) && sameHex(block[position + 4], digits[3])
                    && lineEnd(block, position) - position > 7) {
                found = position;
            }
            while (position < length && block[position] != '\n') {
                position++;
            }
            position++;
        }
        return found < 0 ? null : new String(block, found + 5, lineEnd(block, found) - found - 5, StandardCharsets.UTF_8).strip();
    }

    /** Whether {@code actual} is the lowercase hex digit {@code wanted} in either case. */
    private static boolean sameHex(byte actual, byte wanted)
    {
        return actual == wanted || wanted >= 'a' && actual == wanted - ('a' - 'A');
    }

    private static int lineEnd(byte[] text, int position)
    {
        int end = position;
        while (end < text.length && text[end] != '\n') {
            end++;
        }
        return end;
    }

    /** The names of a device of one of the vendors asked for; the device line is looked up now. */
    public synchronized PciNames names(int vendor, int device)
    {
        Long key = (long) vendor << 32 | (device & 0xffff_ffffL);
        PciNames names = looked.get(key);
        if (names == null) {
            byte[] block = blocks.get(vendor);
            String deviceName = block == null || device < 0 || device > 0xffff ? null : deviceName(block, device);
            names = new PciNames(Optional.ofNullable(vendors.get(vendor)), Optional.ofNullable(deviceName));
            looked.put(key, names);
        }
        return names;
    }

    public boolean isEmpty()
    {
        return vendors.isEmpty();
    }

    private static int hex4(PciIdsText text, int start)
    {
        if (start + 4 > text.length()) {
            return -1;
        }
        int value = 0;
        for (int index = start; index < start + 4; index++) {
            int digit = Character.digit(text.at(index), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
