package io.libvfio.cli;

import io.libvfio.cli.args.OptionSpec;
import io.libvfio.cli.args.ParsedArguments;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.plugin.PluginPath;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The options every command takes, before or after the command name. */
public final class GlobalOptions
{
    static final OptionSpec ROOT = OptionSpec.valued("--root", "DIR",
            "Root of the host to work on: / for this machine, or a simulated host tree (default /).");
    static final OptionSpec BACKEND = OptionSpec.valued("--backend", "NAME",
            "Use only this backend: nvidia-gvm, intel-gvtg, intel-sriov, amd-gim, or a plug-in's name.");
    static final OptionSpec PLUGINS = OptionSpec.valued("--plugins", "DIR[:DIR]",
            "Load backend plug-ins (*.jar) from these directories of this machine (never under --root) instead of "
            + PluginPath.VARIABLE + " or the defaults " + PluginPath.SYSTEM_DIRECTORY + " and ~/.local/share/libvfio/plugins; '' loads none.");
    static final OptionSpec SET = OptionSpec.valued("--set", "KEY=VALUE[,...]",
            "Backend settings, backend.NAME.KEY=VALUE, e.g. backend.intel-sriov.vf-lmem-mib=2048 (see the README's hardware section).");
    static final OptionSpec JSON = OptionSpec.flag("--json", "Print exactly one JSON document (with a schemaVersion) on stdout.");
    static final OptionSpec VERBOSE = OptionSpec.flag("--verbose", "-v", "Show stack traces with errors.");
    static final OptionSpec HELP = OptionSpec.flag("--help", "-h", "Show help and exit.");
    static final OptionSpec VERSION = OptionSpec.flag("--version", "-V", "Print the version and exit.");

    static final List<OptionSpec> ALL = List.of(ROOT, BACKEND, PLUGINS, SET, JSON, VERBOSE, HELP, VERSION);

    private GlobalOptions()
    {
    }

    static RuntimeOptions runtimeOptions(ParsedArguments arguments, Map<String, String> environment, String home)
    {
        return new RuntimeOptions(Path.of(arguments.value(ROOT.name()).orElse("/")), arguments.value(BACKEND.name()), BackendSettings.parse(arguments.value(SET.name())),
                PluginPath.resolve(arguments.value(PLUGINS.name()), environment, home));
    }
}
