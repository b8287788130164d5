package io.libvfio.runtime.setup;

import io.libvfio.api.VfioException;

import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * How setup is asked to set the host up.
 *
 * @param lookingGlassUser the owner of {@code /dev/shm/looking-glass} in the tmpfiles rule (its group is {@code kvm})
 */
public record SetupOptions(String lookingGlassUser)
{
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");

    public SetupOptions
    {
        requireNonNull(lookingGlassUser, "lookingGlassUser is null");
        if (!USER.matcher(lookingGlassUser).matches()) {
            throw VfioException.usage("--user %s: not a user name (lower-case letters, digits, '_', '-', '.')", lookingGlassUser);
        }
    }

    public static SetupOptions defaults()
    {
        return new SetupOptions("root");
    }
}
