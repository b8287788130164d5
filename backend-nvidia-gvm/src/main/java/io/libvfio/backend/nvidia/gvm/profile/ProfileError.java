package io.libvfio.backend.nvidia.gvm.profile;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

/** The one-line errors of profile files: {@code <file>:<line>: <key>: <what is wrong>}. */
final class ProfileError
{
    private ProfileError()
    {
    }

    static VfioException at(String file, int line, String message)
    {
        return new VfioException(StandardErrorCode.INVALID_CONFIG, "%s:%d: %s".formatted(file, line, message));
    }

    static VfioException of(String file, ProfileValue value, String problem)
    {
        return at(file, value.line(), "%s: %s (value '%s')".formatted(value.key(), problem, value.text()));
    }
}
