package io.libvfio.runtime.discovery;

import io.libvfio.api.PciNames;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Vendor and device names from a pci.ids file ({@code /usr/share/misc/pci.ids} or
 * {@code /usr/share/hwdata/pci.ids}). Only the vendors asked for are parsed: the file is
 * scanned once, byte by byte, skipping every other vendor's block.
 */
public final class PciIdsDatabase
{
    public static final List<String> LOCATIONS = List.of("usr/share/misc/pci.ids", "usr/share/hwdata/pci.ids");

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
                Path file = root.resolve(location);
                if (Files.isReadable(file)) {
                    try {
                        return parse(Files.readAllBytes(file), wantedVendors);
                    }
                    catch (IOException e) {
                        return empty();
                    }
                }
            }
        }
        return empty();
    }

    static PciIdsDatabase parse(byte[] text, Set<Integer> wantedVendors)
    {
        Map<Integer, String> vendors = new HashMap<>();
        Map<Long, String> devices = new HashMap<>();
        int vendor = -1;
        int position = 0;
        int length = text.length;
        while (position < length) {
            int end = position;
            while (end < length && text[end] != '\n') {
                end++;
            }
            byte first = text[position];
            if (first == 'C' && end - position > 1 && text[position + 1] == ' ') {
                // Class list at the end of the file: no more vendors.
                break;
            }
            if (first != '#' && first != '\t' && end - position > 6) {
                int id = hex4(text, position);
                vendor = id >= 0 && wantedVendors.contains(id) ? id : -1;
                if (vendor >= 0) {
                    vendors.put(vendor, name(text, position + 4, end));
                }
            }
            else if (vendor >= 0 && first == '\t' && end - position > 7 && text[position + 1] != '\t') {
                int device = hex4(text, position + 1);
                if (device >= 0) {
                    devices.put(key(vendor, device), name(text, position + 5, end));
                }
            }
            position = end + 1;
        }
        return new PciIdsDatabase(vendors, devices);
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
