package io.libvfio.runtime.discovery;

import io.libvfio.api.CpuList;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.SysfsValues;

/**
 * Strict parsers for sysfs values. A malformed value is an error that names the file and shows
 * the value, never a silent default.
 */
final class AttributeParser
{
    private AttributeParser()
    {
    }

    /** {@code "0x10de"}: the {@code 0x%04x}/{@code 0x%06x} format of vendor, device, class, revision. */
    static int hex(String path, String value)
    {
        if (value.length() < 3 || value.length() > 10 || value.charAt(0) != '0' || value.charAt(1) != 'x') {
            throw malformed(path, value, "a 0x-prefixed hex number");
        }
        return parseHex(path, value, value.substring(2));
    }

    /** {@code "26b9"}: hex without prefix, as {@code sriov_vf_device} prints it. */
    static int bareHex(String path, String value)
    {
        if (value.isEmpty() || value.length() > 8) {
            throw malformed(path, value, "a hex number");
        }
        return parseHex(path, value, value);
    }

    private static int parseHex(String path, String value, String digits)
    {
        try {
            return Integer.parseUnsignedInt(digits, 16);
        }
        catch (NumberFormatException e) {
            throw malformed(path, value, "a hex number");
        }
    }

    static int decimal(String path, String value)
    {
        try {
            return Integer.parseInt(value);
        }
        catch (NumberFormatException e) {
            throw malformed(path, value, "a decimal number");
        }
    }

    static long decimalLong(String path, String value)
    {
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException e) {
            throw malformed(path, value, "a decimal number");
        }
    }

    static CpuList cpuList(String path, String value)
    {
        try {
            return CpuList.parse(value);
        }
        catch (IllegalArgumentException e) {
            throw malformed(path, value, "a CPU list such as 0-7,16-23");
        }
    }

    static VfioException malformed(String path, String value, String expected)
    {
        return SysfsValues.malformed(path, value, "expected " + expected);
    }
}
