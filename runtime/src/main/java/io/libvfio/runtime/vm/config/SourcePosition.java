package io.libvfio.runtime.vm.config;

import static java.util.Objects.requireNonNull;

/**
 * Where a setting was written: the key as the file spells it ({@code container.iso},
 * {@code gpus[0].parentPort}) and its line and column, both from 1.
 */
public record SourcePosition(String key, int line, int column)
{
    public SourcePosition
    {
        requireNonNull(key, "key is null");
    }

    /** The start of the file, for settings that were not written (defaults). */
    public static SourcePosition start(String key)
    {
        return new SourcePosition(key, 1, 1);
    }

    /** {@code FILE:LINE:COLUMN: KEY: message}, the form of every configuration error. */
    public String message(String file, String message)
    {
        return file + ":" + line + ":" + column + ": " + key + ": " + message;
    }
}
