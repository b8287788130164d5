package io.libvfio.cli.args;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A command-line option: {@code --name VALUE} (or {@code --name=VALUE}) when it has a label,
 * a flag otherwise.
 *
 * @param shortName a one-letter alias such as {@code -v}, when there is one
 * @param label the value's name in help ({@code DIR}); empty for a flag
 */
public record OptionSpec(String name, Optional<String> shortName, Optional<String> label, String description)
{
    public OptionSpec
    {
        requireNonNull(name, "name is null");
        requireNonNull(shortName, "shortName is null");
        requireNonNull(label, "label is null");
        requireNonNull(description, "description is null");
    }

    public static OptionSpec flag(String name, String description)
    {
        return new OptionSpec(name, Optional.empty(), Optional.empty(), description);
    }

    public static OptionSpec flag(String name, String shortName, String description)
    {
        return new OptionSpec(name, Optional.of(shortName), Optional.empty(), description);
    }

    public static OptionSpec valued(String name, String label, String description)
    {
        return new OptionSpec(name, Optional.empty(), Optional.of(label), description);
    }

    public boolean takesValue()
    {
        return label.isPresent();
    }

    public boolean matches(String argument)
    {
        return argument.equals(name) || shortName.isPresent() && shortName.get().equals(argument);
    }
}
