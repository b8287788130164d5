package io.libvfio.runtime.host;

import static java.util.Objects.requireNonNull;

/** One write to a host attribute, as {@code echo value > path} would make it. */
public record HostWrite(String path, String value)
{
    public HostWrite
    {
        requireNonNull(path, "path is null");
        requireNonNull(value, "value is null");
    }

    /** {@code path <- 'value'}, newlines shown as {@code \n}: the form errors and --dry-run print. */
    @Override
    public String toString()
    {
        return path + " <- '" + value.replace("\n", "\\n") + "'";
    }
}
