package io.libvfio.cli.args;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of parsing: the command (empty when none was named), option values by long
 * name, the flags given, and the positional arguments.
 */
public record ParsedArguments(Optional<CommandSpec> command, Map<String, String> values, Set<String> flags, List<String> parameters)
{
    public ParsedArguments
    {
        requireNonNull(command, "command is null");
        values = Map.copyOf(requireNonNull(values, "values is null"));
        flags = Set.copyOf(requireNonNull(flags, "flags is null"));
        parameters = List.copyOf(requireNonNull(parameters, "parameters is null"));
    }

    public boolean has(String flag)
    {
        return flags.contains(flag);
    }

    public Optional<String> value(String option)
    {
        return Optional.ofNullable(values.get(option));
    }

    public Optional<String> parameter(int index)
    {
        return index < parameters.size() ? Optional.of(parameters.get(index)) : Optional.empty();
    }
}
