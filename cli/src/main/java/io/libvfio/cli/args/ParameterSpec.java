package io.libvfio.cli.args;

import static java.util.Objects.requireNonNull;

/** A positional argument. */
public record ParameterSpec(String label, String description, boolean required)
{
    public ParameterSpec
    {
        requireNonNull(label, "label is null");
        requireNonNull(description, "description is null");
    }
}
