package io.libvfio.cli;

import io.libvfio.api.ErrorCategory;
import io.libvfio.api.VfioException;
import io.libvfio.cli.args.ArgumentParser;
import io.libvfio.cli.args.BashCompletion;
import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.args.HelpWriter;
import io.libvfio.cli.args.ParsedArguments;
import io.libvfio.cli.command.BackendsCommand;
import io.libvfio.cli.command.CliCommand;
import io.libvfio.cli.command.ConfigCommand;
import io.libvfio.cli.command.CreateCommand;
import io.libvfio.cli.command.DestroyCommand;
import io.libvfio.cli.command.DoctorCommand;
import io.libvfio.cli.command.GpusCommand;
import io.libvfio.cli.command.GvmProfilesCommand;
import io.libvfio.cli.command.HintCommand;
import io.libvfio.cli.command.IntrospectCommand;
import io.libvfio.cli.command.LsCommand;
import io.libvfio.cli.command.PlanCommand;
import io.libvfio.cli.command.PsCommand;
import io.libvfio.cli.command.Session;
import io.libvfio.cli.command.SetupCommand;
import io.libvfio.cli.command.StartCommand;
import io.libvfio.cli.command.StopCommand;
import io.libvfio.cli.command.TypesCommand;
import io.libvfio.cli.command.VgpusCommand;
import io.libvfio.cli.output.ErrorPrinter;
import io.libvfio.runtime.RuntimeAssembly;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.VfioRuntime;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code libvfio} command line: parses the arguments, runs one command, and maps every
 * failure to one message and a documented exit code. Tests call {@link #run} directly.
 */
public final class Cli
{
    static final String TOOL = "libvfio";
    private static final List<String> DESCRIPTION = List.of(
            "Share GPUs between this host and virtual machines through Linux VFIO: mediated devices,",
            "SR-IOV virtual functions, NVIDIA vendor VFIO and whole-GPU passthrough.",
            "Every command reads and writes the host only under --root (default /).");

    private final List<CliCommand> commands;
    private final Function<RuntimeOptions, RuntimeAssembly> assemblies;
    private final Map<String, String> environment;

    public Cli(Function<RuntimeOptions, RuntimeAssembly> assemblies)
    {
        this(assemblies, System.getenv());
    }

    /** @param environment the variables the command reads ({@code LIBVFIO_PLUGIN_PATH}, {@code XDG_DATA_HOME}) */
    public Cli(Function<RuntimeOptions, RuntimeAssembly> assemblies, Map<String, String> environment)
    {
        this.assemblies = assemblies;
        this.environment = environment;
        this.commands = List.of(new GpusCommand(), new TypesCommand(), new BackendsCommand(), new CreateCommand(), new DestroyCommand(),
                new VgpusCommand(), new HintCommand(), new PlanCommand(), new DoctorCommand(), new SetupCommand(), new ConfigCommand(), new LsCommand(),
                new StartCommand(), new StopCommand(), new PsCommand(), new IntrospectCommand(), new GvmProfilesCommand(), new CompletionCommand(this));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err)
    {
        return new Cli(new Assemblies()).execute(args, out, err);
    }

    public int execute(String[] args, PrintWriter out, PrintWriter err)
    {
        boolean json = Arrays.asList(args).contains("--json");
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        try {
            ParsedArguments arguments = parser().parse(args);
            if (arguments.has(GlobalOptions.VERSION.name())) {
                out.println(TOOL + " " + version());
                out.println("Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
                out.flush();
                return ExitCodes.OK;
            }
            if (arguments.command().isEmpty() || arguments.has(GlobalOptions.HELP.name())) {
                HelpWriter help = help();
                arguments.command().ifPresentOrElse(command -> help.writeCommand(out, command), () -> help.writeOverview(out));
                return ExitCodes.OK;
            }
            CliCommand command = command(arguments.command().get());
            Session session = new Session(arguments, arguments.has(GlobalOptions.JSON.name()), out, err, new Runtimes(arguments));
            command.run(session);
            // No method reference here: the first lambda of a run links the lambda machinery (tens of ms).
            return session.outcome().isPresent() ? ExitCodes.of(session.outcome().get()) : ExitCodes.OK;
        }
        catch (VfioException e) {
            ErrorPrinter.error(e, json, verbose, out, err);
            if (e.category() == ErrorCategory.USAGE) {
                err.println("Run '" + TOOL + " --help' for usage.");
                err.flush();
            }
            return ExitCodes.of(e.category());
        }
        catch (RuntimeException e) {
            ErrorPrinter.internal(e, json, verbose, out, err);
            return ErrorCategory.INTERNAL.exitCode();
        }
    }

    // Classes rather than lambdas or method references: linking one costs start-up time.
    private static final class Assemblies
            implements Function<RuntimeOptions, RuntimeAssembly>
    {
        @Override
        public RuntimeAssembly apply(RuntimeOptions options)
        {
            return new RuntimeAssembly(options);
        }
    }

    private final class Runtimes
            implements Supplier<VfioRuntime>
    {
        private final ParsedArguments arguments;

        Runtimes(ParsedArguments arguments)
        {
            this.arguments = arguments;
        }

        @Override
        public VfioRuntime get()
        {
            return assemblies.apply(GlobalOptions.runtimeOptions(arguments, environment, System.getProperty("user.home"))).runtime();
        }
    }

    List<CommandSpec> specs()
    {
        List<CommandSpec> specs = new ArrayList<>();
        for (CliCommand command : commands) {
            specs.add(command.spec());
        }
        return specs;
    }

    String completionScript()
    {
        return BashCompletion.script(TOOL, GlobalOptions.ALL, specs());
    }

    private ArgumentParser parser()
    {
        return new ArgumentParser(GlobalOptions.ALL, specs());
    }

    private HelpWriter help()
    {
        return new HelpWriter(TOOL, DESCRIPTION, GlobalOptions.ALL, specs(), ExitCodes.helpList());
    }

    private CliCommand command(CommandSpec spec)
    {
        for (CliCommand command : commands) {
            if (command.spec() == spec) {
                return command;
            }
        }
        throw new IllegalStateException("no command for " + spec.name());
    }

    static String version()
    {
        Properties properties = new Properties();
        try (InputStream in = Cli.class.getResourceAsStream("/libvfio-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
