package io.libvfio.cli.args;

import static java.util.Objects.requireNonNull;

/** A positional argument; a repeatable one (only the last) takes every argument left ({@code FILE...}). */
public record ParameterSpec(String label, String description, boolean required, boolean repeatable)
{
    public ParameterSpec
    {
        requireNonNull(label, "label is null");
        requireNonNull(description, "description is null");
    }

    public ParameterSpec(String label, String description, boolean required)
    {
        this(label, description, required, false);
    }

    /** {@code FILE...}: one or more ({@code required}) or any number. */
    public static ParameterSpec repeatable(String label, String description, boolean required)
    {
        return new ParameterSpec(label, description, required, true);
    }

    /** The label as usage shows it: {@code FILE...} for a repeatable one. */
    public String usageLabel()
    {
        return repeatable ? label + "..." : label;
    }
}
