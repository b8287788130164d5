package io.libvfio.cli;

import io.libvfio.api.ErrorCategory;
import io.libvfio.api.VfioException;
import io.libvfio.cli.command.BackendsCommand;
import io.libvfio.cli.command.CompletionCommand;
import io.libvfio.cli.command.GpusCommand;
import io.libvfio.cli.command.TypesCommand;
import io.libvfio.cli.output.ErrorPrinter;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.inject.VfioRuntimes;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Builds the picocli command tree and maps every failure to one message and a documented exit
 * code. Tests call {@link #createCommandLine} and {@link #run} directly.
 */
public final class Cli
{
    private Cli()
    {
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err)
    {
        return run(args, out, err, VfioRuntimes::create);
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err, Function<RuntimeOptions, VfioRuntime> runtimes)
    {
        boolean json = Arrays.asList(args).contains("--json");
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        CommandLine commandLine = createCommandLine(new GlobalOptions(runtimes), out, err);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            ErrorPrinter.usage(exception, json, out, err);
            return ErrorCategory.USAGE.exitCode();
        });
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (exception instanceof VfioException vfio) {
                ErrorPrinter.error(vfio, json, verbose, out, err);
                return ExitCodes.of(vfio.category());
            }
            ErrorPrinter.internal(exception, json, verbose, out, err);
            return ErrorCategory.INTERNAL.exitCode();
        });
        return commandLine.execute(args);
    }

    public static CommandLine createCommandLine(GlobalOptions globals, PrintWriter out, PrintWriter err)
    {
        CommandLine.IFactory factory = new CommandFactory(globals);
        CommandLine commandLine = new CommandLine(new LibvfioCommand(), factory);
        commandLine.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.helpList());
        commandLine.addSubcommand(new CommandLine(new GpusCommand(globals), factory));
        commandLine.addSubcommand(new CommandLine(new TypesCommand(globals), factory));
        commandLine.addSubcommand(new CommandLine(new BackendsCommand(globals), factory));
        commandLine.addSubcommand(new CommandLine(new CompletionCommand(), factory));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpAutoWidth(true);
        return commandLine;
    }

    private record CommandFactory(GlobalOptions globals)
            implements CommandLine.IFactory
    {
        @Override
        public <K> K create(Class<K> type)
                throws Exception
        {
            if (type == GlobalOptions.class) {
                return type.cast(globals);
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
