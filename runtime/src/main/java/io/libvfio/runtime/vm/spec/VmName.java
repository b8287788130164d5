package io.libvfio.runtime.vm.spec;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import static java.util.Objects.requireNonNull;

/**
 * A VM's name: what {@code stop}, {@code ps} and {@code introspect} take, and the stem of its
 * state file, QMP socket and shared-memory files. Letters, digits, {@code .}, {@code _} and
 * {@code -}, starting with a letter or digit, at most 64 characters: safe in a path and in a
 * QEMU option.
 */
public record VmName(String value)
{
    private static final int MAX_LENGTH = 64;

    public VmName
    {
        requireNonNull(value, "value is null");
        if (!isValid(value)) {
            throw new VfioException(StandardErrorCode.INVALID_NAME,
                    "invalid VM name '" + value + "': use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    public static boolean isValid(String value)
    {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int index = 0; index < value.length(); index++) {
            char c = value.charAt(index);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alphanumeric && (index == 0 || c != '.' && c != '_' && c != '-')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString()
    {
        return value;
    }
}
