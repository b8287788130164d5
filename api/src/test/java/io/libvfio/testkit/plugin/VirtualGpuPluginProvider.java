package io.libvfio.testkit.plugin;

import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Probe;

/** A plug-in provider whose backend serves a GPU that is not a PCI device ({@link VirtualGpuPluginBackend}). */
public final class VirtualGpuPluginProvider
        implements BackendProvider
{
    public static final String NAME = "fixture-virtual";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "a test plug-in with one virtual GPU";
    }

    @Override
    public int priority()
    {
        return 5;
    }

    @Override
    public Probe probe(BackendContext context)
    {
        return Probe.supported("one virtual GPU");
    }

    @Override
    public Backend create(BackendContext context)
    {
        return new VirtualGpuPluginBackend();
    }
}
