package io.libvfio.runtime.discovery;

import io.libvfio.api.PciNames;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
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
 * {@code /usr/share/hwdata/pci.ids}). Only the vendors asked for are parsed: each one's block
 * is found by a binary search over the vendor lines (the file is sorted by vendor id, with
 * rare exceptions, which a linear scan still finds), then read to its end.
 */
public final class PciIdsDatabase
{
    public static final List<String> LOCATIONS = List.of("usr/share/misc/pci.ids", "usr/share/hwdata/pci.ids");

    /** Below this many bytes the binary search hands over to a line-by-line scan. */
    private static final int SCAN_SPAN = 2048;

    private final Map<Integer, String> vendors;
    private final Map<Long, String> devices;

    private PciIdsDatabase(Map<Integer, String> vendors, Map<Long, String> devices)
    {
        this.vendors = vendors;
        this.devices = devices;
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
                    try (FileInputStream in = new FileInputStream(file)) {
                        return parse(in.readAllBytes(), wantedVendors);
                    }
                    catch (IOException e) {
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
        Map<Integer, String> vendors = new HashMap<>();
        Map<Long, String> devices = new HashMap<>();
        for (int vendor : wantedVendors) {
            int line = vendorLine(text, vendor);
            if (line >= 0) {
                readBlock(text, line, vendor, vendors, devices);
            }
        }
        return new PciIdsDatabase(vendors, devices);
    }

    /** Where the line {@code "vvvv  Vendor"} of {@code vendor} starts, or -1 when the file has none. */
    static int vendorLine(byte[] text, int vendor)
    {
        int low = 0;
        int high = text.length;
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
        return found >= 0 ? found : scan(text, 0, text.length, vendor);
    }

    /** The first vendor line that starts in {@code [from, to)} at or after a line start, or -1. */
    private static int nextVendorLine(byte[] text, int from, int to)
    {
        int position = from == 0 || text[from - 1] == '\n' ? from : lineAfter(text, from);
        while (position < to) {
            if (isVendorLine(text, position)) {
                return position;
            }
            position = lineAfter(text, position);
        }
        return -1;
    }

    private static int scan(byte[] text, int from, int to, int vendor)
    {
        int position = nextVendorLine(text, from, to);
        while (position >= 0) {
            if (hex4(text, position) == vendor) {
                return position;
            }
            position = nextVendorLine(text, lineAfter(text, position), to);
        }
        return -1;
    }

    /** Reads the vendor's name and its device lines ({@code "\tdddd  Device"}), up to the next vendor or class. */
    private static void readBlock(byte[] text, int line, int vendor, Map<Integer, String> vendors, Map<Long, String> devices)
    {
        vendors.put(vendor, name(text, line + 4, lineEnd(text, line)));
        int position = lineAfter(text, line);
        while (position < text.length) {
            int end = lineEnd(text, position);
            byte first = text[position];
            if (first == '\t') {
                if (end - position > 7 && text[position + 1] != '\t') {
                    int device = hex4(text, position + 1);
                    if (device >= 0) {
                        devices.put(key(vendor, device), name(text, position + 5, end));
                    }
                }
            }
            else if (first != '#' && end - position > 6) {
                return;
            }
            position = end + 1;
        }
    }

    /** A line of a vendor: four hex digits first (comments, devices and {@code C} class lines are not). */
    private static boolean isVendorLine(byte[] text, int position)
    {
        byte first = text[position];
        return first != '#' && first != '\t' && lineEnd(text, position) - position > 6 && hex4(text, position) >= 0;
    }

    private static int lineEnd(byte[] text, int position)
    {
        int end = position;
        while (end < text.length && text[end] != '\n') {
            end++;
        }
        return end;
    }

    private static int lineAfter(byte[] text, int position)
    {
        return lineEnd(text, position) + 1;
    }

    public PciNames names(int vendor, int device)
    {
        return new PciNames(Optional.ofNullable(vendors.get(vendor)), Optional.ofNullable(devices.get(key(vendor, device))));
    }

    public boolean isEmpty()
    {
        return vendors.isEmpty();
    }

    private static long key(int vendor, int device)
    {
        return ((long) vendor << 16) | device;
    }

    private static String name(byte[] text, int start, int end)
    {
        return new String(text, start, end - start, StandardCharsets.UTF_8).strip();
    }

    private static int hex4(byte[] text, int start)
    {
        if (start + 4 > text.length) {
            return -1;
        }
        int value = 0;
        for (int index = start; index < start + 4; index++) {
            int digit = Character.digit(text[index], 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
