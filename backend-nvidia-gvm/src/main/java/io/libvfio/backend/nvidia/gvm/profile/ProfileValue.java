package io.libvfio.backend.nvidia.gvm.profile;

import static java.util.Objects.requireNonNull;

/**
 * One value of a profile file as written, before it is interpreted: the key it was written
 * under, its text (strings without their quotes), and the line it is on.
 *
 * @param quoted whether it was written as a string, so that {@code "12"} is not taken for a number
 */
record ProfileValue(String key, String text, int line, boolean quoted)
{
    ProfileValue
    {
        requireNonNull(key, "key is null");
        requireNonNull(text, "text is null");
    }
}
