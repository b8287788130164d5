package io.libvfio.backend.intel.sriov;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;

import java.util.OptionalLong;

/** Strict parsing of the i915/xe SR-IOV sysfs values; errors name the file and show the value. */
final class VendorAttributes
{
    static final long MIB = 1024 * 1024;

    private VendorAttributes()
    {
    }

    /** A {@code "%u\n"}/{@code "%llu\n"} value: quotas in bytes, milliseconds, counts. */
    static long unsigned(String path, String value)
    {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(character -> character >= '0' && character <= '9')) {
            throw malformed(path, value, "expected a non-negative decimal number");
        }
        return Long.parseLong(value);
    }

    /** The value of {@code path} when the file exists. */
    static OptionalLong optionalUnsigned(HostFs fs, String path)
    {
        return fs.read(path).map(value -> OptionalLong.of(unsigned(path, value))).orElse(OptionalLong.empty());
    }

    static VfioException malformed(String path, String value, String detail)
    {
        String shown = value.length() > 120 ? value.substring(0, 120) + "..." : value;
        return new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED,
                "%s: malformed value '%s' (%s)".formatted(path, shown.replace("\n", "\\n"), detail));
    }
}
