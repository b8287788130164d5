package io.libvfio.testkit.plugin;

import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Probe;

/**
 * A well-behaved plug-in provider ({@value #NAME}) whose probe reports which classes outside
 * the api its class loader can see, so tests can check the plug-in's isolation.
 */
public final class IsolatedPluginProvider
        implements BackendProvider
{
    public static final String NAME = "fixture-isolated";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "a test plug-in that reports what it can see";
    }

    @Override
    public int priority()
    {
        return 3;
    }

    /** Supported, with the reason listing what of the runtime, CLI and their libraries the plug-in sees ({@code sees nothing else}). */
    @Override
    public Probe probe(BackendContext context)
    {
        StringBuilder seen = new StringBuilder();
        for (String name : new String[] {"io.libvfio.runtime.VfioRuntime", "io.libvfio.cli.Cli", "com.google.inject.Guice",
                "com.fasterxml.jackson.core.JsonFactory", "io.libvfio.testkit.FakeKernel"}) {
            try {
                Class.forName(name, false, IsolatedPluginProvider.class.getClassLoader());
                seen.append(seen.length() == 0 ? "sees " : ", ").append(name);
            }
            catch (ClassNotFoundException expected) {
                // hidden, as it should be
            }
        }
        boolean api = BackendProvider.class.getClassLoader() != IsolatedPluginProvider.class.getClassLoader();
        return Probe.supported((seen.length() == 0 ? "sees nothing else" : seen.toString()) + (api ? "; shares the api" : "; has its own api copy"));
    }

    @Override
    public Backend create(BackendContext context)
    {
        return new EmptyPluginBackend();
    }
}
