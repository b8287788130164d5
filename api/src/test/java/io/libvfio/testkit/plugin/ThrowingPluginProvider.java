package io.libvfio.testkit.plugin;

import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Probe;

/** A plug-in provider whose constructor throws: it must become a load failure, not a crash. */
public final class ThrowingPluginProvider
        implements BackendProvider
{
    public static final String MESSAGE = "licence file /etc/fixture.lic is missing";

    public ThrowingPluginProvider()
    {
        throw new IllegalStateException(MESSAGE);
    }

    @Override
    public String name()
    {
        return "fixture-throwing";
    }

    @Override
    public String description()
    {
        return "never made";
    }

    @Override
    public int priority()
    {
        return 0;
    }

    @Override
    public Probe probe(BackendContext context)
    {
        return Probe.unsupported("never made");
    }

    @Override
    public Backend create(BackendContext context)
    {
        throw new IllegalStateException("never made");
    }
}
