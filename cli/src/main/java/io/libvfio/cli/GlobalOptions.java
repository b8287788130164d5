package io.libvfio.cli;

import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.inject.VfioRuntimes;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Options every command takes, before or after the command name. The runtime is built from
 * them on first use, so {@code --help} and {@code --version} never touch the host.
 */
public final class GlobalOptions
{
    @Option(names = "--root", scope = ScopeType.INHERIT, paramLabel = "DIR", defaultValue = "/",
            description = "Root of the host to work on: / for this machine, or a simulated host tree (default: ${DEFAULT-VALUE}).")
    Path root;

    @Option(names = "--backend", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Use only this backend (nvidia-gvm, intel-gvtg, intel-sriov, amd-gim, or a plug-in's name).")
    String backend;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print exactly one JSON document (with a schemaVersion) on stdout.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show stack traces with errors.")
    boolean verbose;

    private final Function<RuntimeOptions, VfioRuntime> factory;
    private VfioRuntime runtime;

    GlobalOptions(Function<RuntimeOptions, VfioRuntime> factory)
    {
        this.factory = factory;
    }

    GlobalOptions()
    {
        this(VfioRuntimes::create);
    }

    public boolean json()
    {
        return json;
    }

    public boolean verbose()
    {
        return verbose;
    }

    public Path root()
    {
        return root;
    }

    public VfioRuntime runtime()
    {
        if (runtime == null) {
            runtime = factory.apply(new RuntimeOptions(root, Optional.ofNullable(backend), Map.of()));
        }
        return runtime;
    }
}
