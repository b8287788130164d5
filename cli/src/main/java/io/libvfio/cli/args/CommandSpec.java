package io.libvfio.cli.args;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** What a subcommand accepts, and the text its help shows. */
public record CommandSpec(String name, String summary, List<String> details, List<OptionSpec> options, List<ParameterSpec> parameters)
{
    public CommandSpec
    {
        requireNonNull(name, "name is null");
        requireNonNull(summary, "summary is null");
        details = List.copyOf(requireNonNull(details, "details is null"));
        options = List.copyOf(requireNonNull(options, "options is null"));
        parameters = List.copyOf(requireNonNull(parameters, "parameters is null"));
    }
}
