package io.libvfio.runtime;

import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.CommandRunner;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.discovery.HostDiscovery;
import io.libvfio.runtime.discovery.PciIdsDatabase;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.host.LibcAttributeWriter;
import io.libvfio.runtime.host.LocalHostFs;
import io.libvfio.runtime.host.ProcessCommandRunner;
import io.libvfio.runtime.plugin.LoadedPlugins;
import io.libvfio.runtime.plugin.PluginLoader;
import io.libvfio.runtime.registry.BackendRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * How the runtime's parts are built, in one place: plain constructors, each part made once on
 * first use. The command-line tool uses it directly, because a dependency-injection container
 * costs more start-up time than a short-lived command can afford; {@code RuntimeModule}
 * exposes the same parts to Guice for embedders and long-running hosts. Override a factory
 * method to replace a part (tests give a fake kernel as {@link #hostFs()}).
 */
public class RuntimeAssembly
{
    private final RuntimeOptions options;
    private HostPaths paths;
    private HostFs hostFs;
    private CommandRunner commands;
    private BackendRegistry registry;
    private VfioRuntime runtime;

    public RuntimeAssembly(RuntimeOptions options)
    {
        this.options = requireNonNull(options, "options is null");
    }

    public RuntimeOptions options()
    {
        return options;
    }

    public synchronized HostPaths paths()
    {
        if (paths == null) {
            paths = HostPaths.of(options.root());
        }
        return paths;
    }

    public synchronized HostFs hostFs()
    {
        if (hostFs == null) {
            hostFs = createHostFs(paths());
        }
        return hostFs;
    }

    public synchronized CommandRunner commandRunner()
    {
        if (commands == null) {
            commands = new ProcessCommandRunner();
        }
        return commands;
    }

    public synchronized BackendRegistry registry()
    {
        if (registry == null) {
            ClassLoader builtIns = RuntimeAssembly.class.getClassLoader();
            LoadedPlugins plugins = options.plugins().isEmpty() ? LoadedPlugins.none() : new PluginLoader(BackendProvider.class.getClassLoader()).load(options.plugins());
            registry = BackendRegistry.load(builtIns, plugins);
        }
        return registry;
    }

    public Clock clock()
    {
        return Clock.systemUTC();
    }

    public synchronized VfioRuntime runtime()
    {
        if (runtime == null) {
            // the registry is loaded on first use (a VM start without GPUs needs none)
            runtime = new VfioRuntime(paths(), hostFs(), discovery(paths(), hostFs()), new RegistrySource(this), commandRunner(), clock(), options);
        }
        return runtime;
    }

    /** Builds a runtime from its parts; the Guice module calls this too. */
    public static VfioRuntime newRuntime(HostPaths paths, HostFs fs, BackendRegistry registry, CommandRunner commands, Clock clock, RuntimeOptions options)
    {
        return new VfioRuntime(paths, fs, discovery(paths, fs), registry, commands, clock, options);
    }

    private static HostDiscovery discovery(HostPaths paths, HostFs fs)
    {
        // pci.ids comes from the root when it has one, else from this machine.
        List<Path> roots = paths.isRealRoot() ? List.of(paths.root()) : List.of(paths.root(), Path.of("/"));
        return new HostDiscovery(fs, PciIdsDatabase.loader(roots));
    }

    /** The host access for a root; tests override this to put a fake kernel in place. */
    protected HostFs createHostFs(HostPaths paths)
    {
        return new LocalHostFs(paths, new LibcAttributeWriter());
    }

    // A class rather than a method reference: linking one costs start-up time.
    private record RegistrySource(RuntimeAssembly assembly)
            implements java.util.function.Supplier<BackendRegistry>
    {
        @Override
        public BackendRegistry get()
        {
            return assembly.registry();
        }
    }
}
