package io.libvfio.runtime.vgpu;

import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.util.Locale;

/**
 * What a vGPU id may be: an mdev UUID (canonical {@code 8-4-4-4-12} hex, kept lowercase, as the
 * kernel names the device) or a PCI address (a VF or a passed-through GPU). Checked before an id
 * reaches a path.
 */
public final class InstanceIds
{
    private InstanceIds()
    {
    }

    /** The canonical lowercase form of a UUID, or a usage error naming the value. */
    public static String uuid(String text)
    {
        if (!isUuid(text)) {
            throw new VfioException(StandardErrorCode.INVALID_ARGUMENT,
                    "malformed UUID '%s': expected 8-4-4-4-12 hex digits, e.g. 5a1d1bc4-8c35-4f0a-9c1e-3b2f6a7d9e01".formatted(text));
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** A UUID (lowercased) or a PCI address (in the kernel's form), or a usage error. */
    public static String id(String text)
    {
        if (isUuid(text)) {
            return text.toLowerCase(Locale.ROOT);
        }
        if (PciAddress.isValid(text)) {
            return PciAddress.parse(text).toString();
        }
        throw new VfioException(StandardErrorCode.INVALID_ARGUMENT,
                "malformed vGPU id '%s': expected an mdev UUID or a PCI address (see 'libvfio vgpus')".formatted(text));
    }

    static boolean isUuid(String text)
    {
        if (text == null || text.length() != 36) {
            return false;
        }
        for (int index = 0; index < 36; index++) {
            char character = text.charAt(index);
            boolean dash = index == 8 || index == 13 || index == 18 || index == 23;
            boolean hex = character >= '0' && character <= '9' || character >= 'a' && character <= 'f' || character >= 'A' && character <= 'F';
            if (dash ? character != '-' : !hex) {
                return false;
            }
        }
        return true;
    }
}
