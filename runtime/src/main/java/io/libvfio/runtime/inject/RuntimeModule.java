package io.libvfio.runtime.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.libvfio.api.spi.CommandRunner;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.RuntimeAssembly;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.registry.BackendRegistry;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * The runtime for Guice: every part comes from the one {@link RuntimeAssembly}, so an embedder
 * can inject them or replace one with {@code Modules.override}. Nothing here reads the host.
 */
public final class RuntimeModule
        extends AbstractModule
{
    private final RuntimeAssembly assembly;

    public RuntimeModule(RuntimeOptions options)
    {
        this(new RuntimeAssembly(options));
    }

    public RuntimeModule(RuntimeAssembly assembly)
    {
        this.assembly = requireNonNull(assembly, "assembly is null");
    }

    @Override
    protected void configure()
    {
        bind(RuntimeOptions.class).toInstance(assembly.options());
        bind(Clock.class).toInstance(assembly.clock());
    }

    @Provides
    @Singleton
    HostPaths hostPaths()
    {
        return assembly.paths();
    }

    @Provides
    @Singleton
    HostFs hostFs()
    {
        return assembly.hostFs();
    }

    @Provides
    @Singleton
    CommandRunner commandRunner()
    {
        return assembly.commandRunner();
    }

    @Provides
    @Singleton
    BackendRegistry backendRegistry()
    {
        return assembly.registry();
    }

    @Provides
    @Singleton
    VfioRuntime vfioRuntime(HostPaths paths, HostFs fs, BackendRegistry registry, CommandRunner commands, Clock clock, RuntimeOptions options)
    {
        return RuntimeAssembly.newRuntime(paths, fs, registry, commands, clock, options);
    }
}
