package io.libvfio.cli.args;

import static java.util.Objects.requireNonNull;

/**
 * A positional argument.
 *
 * @param repeatable whether it takes every remaining argument ({@code FILE...}); only the last one may
 */
public record ParameterSpec(String label, String description, boolean required, boolean repeatable)
{
    public ParameterSpec
    {
        requireNonNull(label, "label is null");
        requireNonNull(description, "description is null");
    }

    /** A positional argument that takes one value. */
    public ParameterSpec(String label, String description, boolean required)
    {
        this(label, description, required, false);
    }
}
