package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An mdev instance id as the mdev core takes it (sysfs-spec §2.2): a canonical
 * {@code 8-4-4-4-12} hexadecimal UUID; the kernel names the device in lower case.
 */
final class MdevUuid
{
    private static final Pattern CANONICAL = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private MdevUuid()
    {
    }

    static boolean isValid(String value)
    {
        return CANONICAL.matcher(value).matches();
    }

    /** The lower-case form of a canonical UUID; anything else is a usage error naming the value. */
    static String parse(String value)
    {
        if (!isValid(value)) {
            throw new VfioException(StandardErrorCode.INVALID_ARGUMENT,
                    "mdev instance id '%s' is not a UUID (expected 8-4-4-4-12 hexadecimal digits)".formatted(value));
        }
        return value.toLowerCase(Locale.ROOT);
    }

    static String random()
    {
        return UUID.randomUUID().toString();
    }
}
