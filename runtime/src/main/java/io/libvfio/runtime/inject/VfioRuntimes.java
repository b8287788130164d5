package io.libvfio.runtime.inject;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.VfioRuntime;

/** Creates the one injector of a process and hands out its {@link VfioRuntime}. */
public final class VfioRuntimes
{
    private VfioRuntimes()
    {
    }

    public static VfioRuntime create(RuntimeOptions options)
    {
        return Guice.createInjector(Stage.DEVELOPMENT, new RuntimeModule(options)).getInstance(VfioRuntime.class);
    }

    /** For tests and embedders: the same graph with some bindings replaced. */
    public static VfioRuntime create(RuntimeOptions options, Module overrides)
    {
        return Guice.createInjector(Stage.DEVELOPMENT, Modules.override(new RuntimeModule(options)).with(overrides)).getInstance(VfioRuntime.class);
    }
}
