package io.libvfio.runtime.registry;

import io.libvfio.api.Gpu;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Probe;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Probes providers and runs discovery on those that answer supported. Any exception from a
 * backend is caught and reported as that backend's decline, so one failing backend never hides
 * the others.
 */
public final class BackendProber
{
    private final Function<BackendProvider, BackendContext> contexts;

    public BackendProber(Function<BackendProvider, BackendContext> contexts)
    {
        this.contexts = contexts;
    }

    public BackendStatus probe(BackendProvider provider)
    {
        BackendContext context = contexts.apply(provider);
        Probe probe;
        try {
            probe = provider.probe(context);
        }
        catch (VfioException e) {
            return failed(provider, "probe failed: " + e.getMessage());
        }
        catch (RuntimeException | LinkageError e) {
            return failed(provider, "probe failed with %s: %s".formatted(e.getClass().getSimpleName(), e.getMessage()));
        }
        if (probe == null) {
            return failed(provider, "probe returned no answer");
        }
        if (!probe.supported()) {
            return new BackendStatus(provider, probe, Optional.empty(), List.of());
        }
        try {
            Backend backend = provider.create(context);
            List<Gpu> gpus = backend.discover();
            return new BackendStatus(provider, probe, Optional.of(backend), gpus);
        }
        catch (VfioException e) {
            return failed(provider, "discovery failed: " + e.getMessage());
        }
        catch (RuntimeException | LinkageError e) {
            return failed(provider, "discovery failed with %s: %s".formatted(e.getClass().getSimpleName(), e.getMessage()));
        }
    }

    private static BackendStatus failed(BackendProvider provider, String reason)
    {
        return new BackendStatus(provider, Probe.unsupported(reason), Optional.empty(), List.of());
    }
}
