package io.libvfio.runtime.registry;

import io.libvfio.api.Gpu;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Probe;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One backend's standing on this host: its probe answer and, when it serves the host, the
 * backend instance and the GPUs it found. A backend that threw is reported with the error.
 */
public record BackendStatus(BackendProvider provider, Probe probe, Optional<Backend> backend, List<Gpu> gpus)
{
    public BackendStatus
    {
        requireNonNull(provider, "provider is null");
        requireNonNull(probe, "probe is null");
        requireNonNull(backend, "backend is null");
        gpus = List.copyOf(requireNonNull(gpus, "gpus is null"));
    }

    public String name()
    {
        return provider.name();
    }

    public boolean serves()
    {
        return backend.isPresent();
    }
}
