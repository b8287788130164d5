package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

/** Strict parsing of NVIDIA's vendor sysfs values; errors name the file and show the value. */
final class VendorAttributes
{
    private VendorAttributes()
    {
    }

    /** A non-negative decimal count such as {@code available_instances} or {@code current_vgpu_type}. */
    static int count(String path, String value)
    {
        if (value.isEmpty() || value.length() > 9) {
            throw malformed(path, value, "expected a non-negative decimal number");
        }
        int count = 0;
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            if (character < '0' || character > '9') {
                throw malformed(path, value, "expected a non-negative decimal number");
            }
            count = count * 10 + (character - '0');
        }
        return count;
    }

    static VfioException malformed(String path, String value, String detail)
    {
        String shown = value.length() > 120 ? value.substring(0, 120) + "..." : value;
        return new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED,
                "%s: malformed value '%s' (%s)".formatted(path, shown.replace("\n", "\\n"), detail));
    }
}
