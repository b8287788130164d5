package io.libvfio.runtime.doctor;

import io.libvfio.api.spi.HostRequirement;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One active backend's {@link io.libvfio.api.spi.Backend#hostRequirements()}, or why they could
 * not be read.
 */
public record BackendRequirements(String backend, List<HostRequirement> requirements, Optional<String> error)
{
    public BackendRequirements
    {
        requireNonNull(backend, "backend is null");
        requirements = List.copyOf(requireNonNull(requirements, "requirements is null"));
        requireNonNull(error, "error is null");
    }
}
