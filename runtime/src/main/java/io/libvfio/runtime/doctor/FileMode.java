package io.libvfio.runtime.doctor;

import static java.util.Objects.requireNonNull;

/**
 * A file's owner, group and permission bits, as {@code ls -l} shows them.
 *
 * @param permissions the nine permission bits ({@code 0660})
 */
public record FileMode(String owner, String group, int permissions)
{
    public FileMode
    {
        requireNonNull(owner, "owner is null");
        requireNonNull(group, "group is null");
    }

    /** Whether its group may read and write it. */
    public boolean groupReadWrite()
    {
        return (permissions & 060) == 060;
    }

    /** Whether everybody may read and write it. */
    public boolean otherReadWrite()
    {
        return (permissions & 06) == 06;
    }

    /** {@code 0660 root:kvm}. */
    @Override
    public String toString()
    {
        return "%04o %s:%s".formatted(permissions, owner, group);
    }
}
