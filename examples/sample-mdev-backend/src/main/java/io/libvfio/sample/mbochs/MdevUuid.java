package io.libvfio.sample.mbochs;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.util.Locale;
import java.util.UUID;

/**
 * An mdev's name: a canonical {@code 8-4-4-4-12} UUID, lowercase as the kernel names the device.
 * Checked before it reaches a path, so {@code ../} or a newline can never be written anywhere.
 */
final class MdevUuid
{
    private MdevUuid()
    {
    }

    /** The lowercase UUID, or a usage error naming the value. */
    static String parse(String value)
    {
        if (value.length() != 36) {
            throw invalid(value);
        }
        for (int index = 0; index < 36; index++) {
            char character = value.charAt(index);
            boolean dash = index == 8 || index == 13 || index == 18 || index == 23;
            boolean hex = character >= '0' && character <= '9' || character >= 'a' && character <= 'f' || character >= 'A' && character <= 'F';
            if (dash ? character != '-' : !hex) {
                throw invalid(value);
            }
        }
        return value.toLowerCase(Locale.ROOT);
    }

    static String random()
    {
        return UUID.randomUUID().toString();
    }

    private static VfioException invalid(String value)
    {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return new VfioException(StandardErrorCode.INVALID_ARGUMENT,
                "invalid mdev UUID '" + shown.replace("\n", "\\n") + "' (expected 8-4-4-4-12 hexadecimal digits)");
    }
}
