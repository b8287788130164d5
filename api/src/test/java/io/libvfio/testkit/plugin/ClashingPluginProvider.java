package io.libvfio.testkit.plugin;

import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Probe;

/** A plug-in provider that takes a built-in backend's name ({@value #NAME}): the runtime must refuse it. */
public final class ClashingPluginProvider
        implements BackendProvider
{
    public static final String NAME = "nvidia-gvm";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "a test plug-in that wants a built-in backend's name";
    }

    @Override
    public int priority()
    {
        return 1000;
    }

    @Override
    public Probe probe(BackendContext context)
    {
        return Probe.supported("claims everything");
    }

    @Override
    public Backend create(BackendContext context)
    {
        return new EmptyPluginBackend();
    }
}
