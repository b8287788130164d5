package io.libvfio.runtime.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.libvfio.api.spi.CommandRunner;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.discovery.HostDiscovery;
import io.libvfio.runtime.discovery.PciIdsDatabase;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.host.LibcAttributeWriter;
import io.libvfio.runtime.host.LocalHostFs;
import io.libvfio.runtime.host.ProcessCommandRunner;
import io.libvfio.runtime.registry.BackendRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The runtime's object graph. Constructors stay free of Guice; this module is the only place
 * that wires them. Nothing here reads the host: all of that happens on first use.
 */
public final class RuntimeModule
        extends AbstractModule
{
    private final RuntimeOptions options;

    public RuntimeModule(RuntimeOptions options)
    {
        this.options = requireNonNull(options, "options is null");
    }

    @Override
    protected void configure()
    {
        bind(RuntimeOptions.class).toInstance(options);
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(CommandRunner.class).to(ProcessCommandRunner.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    HostPaths hostPaths(RuntimeOptions options)
    {
        return HostPaths.of(options.root());
    }

    @Provides
    @Singleton
    HostFs hostFs(HostPaths paths)
    {
        return new LocalHostFs(paths, new LibcAttributeWriter());
    }

    @Provides
    @Singleton
    HostDiscovery hostDiscovery(HostFs fs, HostPaths paths)
    {
        // pci.ids comes from the root when it has one, else from this machine.
        List<Path> roots = paths.isRealRoot() ? List.of(paths.root()) : List.of(paths.root(), Path.of("/"));
        return new HostDiscovery(fs, vendors -> PciIdsDatabase.load(roots, vendors));
    }

    @Provides
    @Singleton
    BackendRegistry backendRegistry()
    {
        return BackendRegistry.load(RuntimeModule.class.getClassLoader());
    }

    @Provides
    @Singleton
    VfioRuntime vfioRuntime(HostPaths paths, HostFs fs, HostDiscovery discovery, BackendRegistry registry, CommandRunner commands, Clock clock, RuntimeOptions options)
    {
        return new VfioRuntime(paths, fs, discovery, registry, commands, clock, options);
    }
}
