package io.libvfio.api.spi;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.util.OptionalLong;

/**
 * Strict parsing of kernel attribute values, shared by the runtime and every backend. A
 * malformed value is an error that names the file and shows the value, never a silent default.
 */
public final class SysfsValues
{
    private static final int SHOWN = 120;

    private SysfsValues()
    {
    }

    /** A non-negative decimal count that fits an int, such as {@code available_instances}. */
    public static int count(String path, String value)
    {
        return (int) digits(path, value, 9);
    }

    /** A non-negative decimal ({@code "%u\n"}, {@code "%llu\n"}): bytes, milliseconds, counts. */
    public static long unsigned(String path, String value)
    {
        return digits(path, value, 18);
    }

    /** The unsigned value of {@code path} when the file exists. */
    public static OptionalLong optionalUnsigned(HostFs fs, String path)
    {
        String value = fs.read(path).orElse(null);
        return value == null ? OptionalLong.empty() : OptionalLong.of(unsigned(path, value));
    }

    /** {@code <path>: malformed value '<value>' (<detail>)}, the value shortened and its newlines shown. */
    public static VfioException malformed(String path, String value, String detail)
    {
        String shown = value.length() > SHOWN ? value.substring(0, SHOWN) + "..." : value;
        return new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED,
                path + ": malformed value '" + shown.replace("\n", "\\n") + "' (" + detail + ")");
    }

    private static long digits(String path, String value, int maxDigits)
    {
        boolean valid = !value.isEmpty() && value.length() <= maxDigits;
        for (int index = 0; valid && index < value.length(); index++) {
            char character = value.charAt(index);
            valid = character >= '0' && character <= '9';
        }
        if (!valid) {
            throw malformed(path, value, "expected a non-negative decimal number");
        }
        return Long.parseLong(value);
    }
}
