package io.libvfio.testkit.plugin;

import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Probe;

/** A plug-in provider whose {@code name()} throws: it must become a load failure. */
public final class NamelessPluginProvider
        implements BackendProvider
{
    @Override
    public String name()
    {
        throw new IllegalStateException("name not configured");
    }

    @Override
    public String description()
    {
        return "a test plug-in without a name";
    }

    @Override
    public int priority()
    {
        return 0;
    }

    @Override
    public Probe probe(BackendContext context)
    {
        return Probe.supported("never asked");
    }

    @Override
    public Backend create(BackendContext context)
    {
        return new EmptyPluginBackend();
    }
}
