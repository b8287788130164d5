package io.libvfio.testkit;

import io.libvfio.api.Errno;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One write the fake kernel saw: the host path as the caller gave it, the value, and the errno
 * it was refused with ({@code null} when it succeeded).
 */
public record KernelWrite(String path, String value, Errno errno)
{
    public KernelWrite
    {
        requireNonNull(path, "path is null");
        requireNonNull(value, "value is null");
    }

    public static KernelWrite ok(String path, String value)
    {
        return new KernelWrite(path, value, null);
    }

    public boolean succeeded()
    {
        return errno == null;
    }

    public Optional<Errno> failure()
    {
        return Optional.ofNullable(errno);
    }

    /** {@code /sys/.../sriov_numvfs <- '4': OK} or {@code ...: EBUSY}, newlines shown as {@code \n}. */
    @Override
    public String toString()
    {
        return "%s <- '%s': %s".formatted(path, value.replace("\n", "\\n"), errno == null ? "OK" : errno.name());
    }
}
