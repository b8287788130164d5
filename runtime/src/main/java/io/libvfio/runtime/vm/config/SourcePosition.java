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

    /** A problem with the file as a whole (missing, unreadable, too big): no line, no key. */
    public static SourcePosition wholeFile()
    {
        return new SourcePosition("", 0, 0);
    }

    /** {@code FILE:LINE:COLUMN: KEY: message}, the form of every configuration error ({@code FILE: message} for the whole file). */
    public String message(String file, String message)
    {
        if (line == 0) {
            return file + ": " + message;
        }
        return file + ":" + line + ":" + column + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
