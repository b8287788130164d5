package io.libvfio.cli.args;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.text.Suggestions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code libvfio [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGS]}. Global options may stand
 * before or after the command; {@code --name=value} and {@code --name value} both work;
 * {@code --} ends options. Unknown options and commands are usage errors with a suggestion.
 */
public final class ArgumentParser
{
    private final List<OptionSpec> globalOptions;
    private final List<CommandSpec> commands;

    public ArgumentParser(List<OptionSpec> globalOptions, List<CommandSpec> commands)
    {
        this.globalOptions = List.copyOf(globalOptions);
        this.commands = List.copyOf(commands);
    }

    public ParsedArguments parse(String[] args)
    {
        CommandSpec command = null;
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> parameters = new ArrayList<>();
        boolean optionsEnded = false;
        for (int index = 0; index < args.length; index++) {
            String argument = args[index];
            if (!optionsEnded && argument.equals("--")) {
                optionsEnded = true;
            }
            else if (!optionsEnded && argument.startsWith("-") && argument.length() > 1) {
                int equals = argument.indexOf('=');
                String name = equals > 0 ? argument.substring(0, equals) : argument;
                OptionSpec option = find(name, command);
                if (option == null) {
                    throw unknownOption(name, args);
                }
                if (!option.takesValue()) {
                    if (equals > 0) {
                        throw usage("option %s takes no value".formatted(option.name()));
                    }
                    flags.add(option.name());
                    continue;
                }
                String value;
                if (equals > 0) {
                    value = argument.substring(equals + 1);
                }
                else if (index + 1 < args.length) {
                    value = args[++index];
                }
                else {
                    throw usage("option %s needs a value (%s)".formatted(option.name(), option.label().orElseThrow()));
                }
                if (values.put(option.name(), value) != null) {
                    throw usage("option %s is given twice".formatted(option.name()));
                }
            }
            else if (command == null) {
                command = command(argument);
            }
            else {
                parameters.add(argument);
            }
        }
        if (command != null && !flags.contains("--help")) {
            checkParameters(command, parameters);
        }
        return new ParsedArguments(Optional.ofNullable(command), values, flags, parameters);
    }

    /** The option {@code name} names, or null. */
    private OptionSpec find(String name, CommandSpec command)
    {
        for (OptionSpec option : globalOptions) {
            if (option.matches(name)) {
                return option;
            }
        }
        if (command != null) {
            for (OptionSpec option : command.options()) {
                if (option.matches(name)) {
                    return option;
                }
            }
        }
        return null;
    }

    private CommandSpec command(String name)
    {
        for (CommandSpec command : commands) {
            if (command.name().equals(name)) {
                return command;
            }
        }
        List<String> names = new ArrayList<>();
        for (CommandSpec command : commands) {
            names.add(command.name());
        }
        throw usage("unknown command '%s'%s".formatted(name, Suggestions.didYouMean(name, names)));
    }

    private static void checkParameters(CommandSpec command, List<String> parameters)
    {
        int required = 0;
        for (ParameterSpec parameter : command.parameters()) {
            required += parameter.required() ? 1 : 0;
        }
        if (parameters.size() < required) {
            throw usage("%s: missing %s".formatted(command.name(), command.parameters().get(parameters.size()).label()));
        }
        boolean repeatable = !command.parameters().isEmpty() && command.parameters().get(command.parameters().size() - 1).repeatable();
        if (parameters.size() > command.parameters().size() && !repeatable) {
            throw usage("%s: unexpected argument '%s'".formatted(command.name(), parameters.get(command.parameters().size())));
        }
    }

    private VfioException unknownOption(String name, String[] args)
    {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : globalOptions) {
            names.add(option.name());
        }
        for (CommandSpec command : commands) {
            for (OptionSpec option : command.options()) {
                names.add(option.name());
            }
        }
        return usage("unknown option '%s'%s".formatted(name, Suggestions.didYouMean(name, names)));
    }

    static VfioException usage(String message)
    {
        return new VfioException(StandardErrorCode.INVALID_ARGUMENT, message);
    }
}
