package io.libvfio.runtime.discovery;

import java.util.HashMap;
import java.util.Map;

/**
 * A device's {@code uevent}: {@code KEY=value} lines. For PCI the kernel writes
 * {@code DRIVER=nvidia}, {@code PCI_CLASS=30200}, {@code PCI_ID=10DE:2330},
 * {@code PCI_SUBSYS_ID=10DE:16C1}, {@code PCI_SLOT_NAME=...} and {@code MODALIAS=...}.
 */
final class Uevent
{
    private final String path;
    private final Map<String, String> values;

    private Uevent(String path, Map<String, String> values)
    {
        this.path = path;
        this.values = values;
    }

    static Uevent parse(String path, String text)
    {
        Map<String, String> values = new HashMap<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            int equals = text.indexOf('=', start);
            if (equals > start && equals < end) {
                values.put(text.substring(start, equals), text.substring(equals + 1, end));
            }
            start = end + 1;
        }
        return new Uevent(path, values);
    }

    // Nulls rather than Optional and lambdas: this is read for every PCI function at start-up.
    /** The value of {@code key}, or null when the uevent has none. */
    String value(String key)
    {
        return values.get(key);
    }

    /** A bare hex value such as {@code PCI_CLASS=30200}; call only when {@link #value} is not null. */
    int hex(String key)
    {
        return AttributeParser.bareHex(path + " " + key, values.get(key));
    }

    /** A {@code VVVV:DDDD} pair such as {@code PCI_ID=10DE:2330}, or null when absent. */
    int[] pair(String key)
    {
        String value = values.get(key);
        if (value == null) {
            return null;
        }
        int colon = value.indexOf(':');
        if (colon != 4 || value.length() != 9) {
            throw AttributeParser.malformed(path + " " + key, value, "VVVV:DDDD");
        }
        return new int[] {AttributeParser.bareHex(path + " " + key, value.substring(0, 4)), AttributeParser.bareHex(path + " " + key, value.substring(5))};
    }
}
