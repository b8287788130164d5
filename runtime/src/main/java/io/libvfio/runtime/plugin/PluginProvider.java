package io.libvfio.runtime.plugin;

import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Probe;
import io.libvfio.api.spi.SupportEntry;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A backend provider loaded from a plug-in jar. Its name, description, priority and support
 * rows are read once, when it loads (a plug-in whose answers throw does not load), so that
 * ordering and listing never call into the plug-in again; {@code probe} and {@code create}
 * are passed through, and the runtime's prober reports what they throw.
 */
public final class PluginProvider
        implements BackendProvider
{
    private final BackendProvider delegate;
    private final Path jar;
    private final String name;
    private final String description;
    private final int priority;
    private final List<SupportEntry> support;

    PluginProvider(BackendProvider delegate, Path jar)
    {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.jar = requireNonNull(jar, "jar is null");
        this.name = delegate.name();
        this.description = delegate.description();
        this.priority = delegate.priority();
        List<SupportEntry> declared = delegate.support();
        this.support = declared == null ? List.of() : List.copyOf(declared);
    }

    /** The jar the provider came from. */
    public Path jar()
    {
        return jar;
    }

    /** The plug-in's own provider class name. */
    public String className()
    {
        return delegate.getClass().getName();
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public String description()
    {
        return description;
    }

    @Override
    public int priority()
    {
        return priority;
    }

    @Override
    public Probe probe(BackendContext context)
    {
        return delegate.probe(context);
    }

    @Override
    public Backend create(BackendContext context)
    {
        return delegate.create(context);
    }

    @Override
    public List<SupportEntry> support()
    {
        return support;
    }

    @Override
    public String toString()
    {
        return "plug-in " + name + " (" + jar + ")";
    }
}
