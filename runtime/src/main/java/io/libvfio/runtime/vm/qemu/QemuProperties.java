package io.libvfio.runtime.vm.qemu;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

/**
 * One QEMU option value of the form {@code driver,key=value,key=value}. Values are escaped the
 * way QEMU's option parser expects (a comma is written twice), so a path with a comma can never
 * add a property; control characters are refused.
 */
public final class QemuProperties
{
    private final StringBuilder text;

    private QemuProperties(String head)
    {
        this.text = new StringBuilder(escape(head));
    }

    /** Starts with a bare value such as a device driver name ({@code vfio-pci}). */
    public static QemuProperties of(String head)
    {
        return new QemuProperties(head);
    }

    public QemuProperties with(String key, String value)
    {
        text.append(',').append(key).append('=').append(escape(value));
        return this;
    }

    public QemuProperties with(String key, long value)
    {
        text.append(',').append(key).append('=').append(value);
        return this;
    }

    /** The value with QEMU's comma escaping. */
    public static String escape(String value)
    {
        StringBuilder escaped = null;
        for (int index = 0; index < value.length(); index++) {
            char c = value.charAt(index);
            if (c < 0x20 || c == 0x7f) {
                throw new VfioException(StandardErrorCode.INVALID_ARGUMENT, "refusing a QEMU option value with a control character: '"
                        + value.replace("\n", "\\n") + "'");
            }
            if (c == ',') {
                if (escaped == null) {
                    escaped = new StringBuilder(value.length() + 4).append(value, 0, index);
                }
                escaped.append(",,");
            }
            else if (escaped != null) {
                escaped.append(c);
            }
        }
        return escaped == null ? value : escaped.toString();
    }

    @Override
    public String toString()
    {
        return text.toString();
    }
}
