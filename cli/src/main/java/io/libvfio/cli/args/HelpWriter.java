package io.libvfio.cli.args;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders {@code --help}: the tool's overview, or one command's usage. */
public final class HelpWriter
{
    private static final int WIDTH = 100;

    private final String tool;
    private final List<String> description;
    private final List<OptionSpec> globalOptions;
    private final List<CommandSpec> commands;
    private final Map<String, String> exitCodes;

    public HelpWriter(String tool, List<String> description, List<OptionSpec> globalOptions, List<CommandSpec> commands, Map<String, String> exitCodes)
    {
        this.tool = tool;
        this.description = List.copyOf(description);
        this.globalOptions = List.copyOf(globalOptions);
        this.commands = List.copyOf(commands);
        this.exitCodes = Map.copyOf(exitCodes);
    }

    public void writeOverview(PrintWriter out)
    {
        out.println("Usage: %s [OPTIONS] COMMAND [ARGS]".formatted(tool));
        description.forEach(out::println);
        out.println();
        out.println("Commands:");
        List<String[]> rows = new ArrayList<>();
        for (CommandSpec command : commands) {
            rows.add(new String[] {command.name(), command.summary()});
        }
        columns(out, rows);
        writeOptions(out, "Options (accepted by every command):", globalOptions);
        writeExitCodes(out);
        out.println();
        out.println("Run '%s COMMAND --help' for a command's arguments.".formatted(tool));
        out.flush();
    }

    public void writeCommand(PrintWriter out, CommandSpec command)
    {
        StringBuilder usage = new StringBuilder("Usage: %s %s [OPTIONS]".formatted(tool, command.name()));
        for (ParameterSpec parameter : command.parameters()) {
            usage.append(parameter.required() ? " " + parameter.usageLabel() : " [" + parameter.usageLabel() + "]");
        }
        out.println(usage);
        out.println(command.summary());
        command.details().forEach(out::println);
        if (!command.parameters().isEmpty()) {
            out.println();
            out.println("Arguments:");
            List<String[]> rows = new ArrayList<>();
            for (ParameterSpec parameter : command.parameters()) {
                rows.add(new String[] {parameter.usageLabel(), parameter.description()});
            }
            columns(out, rows);
        }
        writeOptions(out, "Options:", command.options());
        writeOptions(out, "Global options:", globalOptions);
        writeExitCodes(out);
        out.flush();
    }

    private void writeExitCodes(PrintWriter out)
    {
        out.println();
        out.println("Exit codes:");
        List<String[]> rows = new ArrayList<>();
        exitCodes.entrySet().stream()
                .sorted((left, right) -> Integer.compare(Integer.parseInt(left.getKey()), Integer.parseInt(right.getKey())))
                .forEach(entry -> rows.add(new String[] {entry.getKey(), entry.getValue()}));
        columns(out, rows);
    }

    private static void writeOptions(PrintWriter out, String heading, List<OptionSpec> options)
    {
        if (options.isEmpty()) {
            return;
        }
        out.println();
        out.println(heading);
        List<String[]> rows = new ArrayList<>();
        for (OptionSpec option : options) {
            String names = option.shortName().map(shortName -> shortName + ", ").orElse("    ") + option.name()
                    + option.label().map(label -> " " + label).orElse("");
            rows.add(new String[] {names, option.description()});
        }
        columns(out, rows);
    }

    private static void columns(PrintWriter out, List<String[]> rows)
    {
        int width = 0;
        for (String[] row : rows) {
            width = Math.max(width, row[0].length());
        }
        int indent = width + 6;
        for (String[] row : rows) {
            List<String> lines = wrap(row[1], Math.max(30, WIDTH - indent));
            out.println("  " + row[0] + " ".repeat(width - row[0].length() + 4) + lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                out.println(" ".repeat(indent) + line);
            }
        }
    }

    private static List<String> wrap(String text, int width)
    {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
