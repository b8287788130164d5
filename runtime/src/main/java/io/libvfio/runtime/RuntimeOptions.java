package io.libvfio.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a runtime is set up: the host root, an optional backend restriction
 * ({@code --backend}), and backend settings ({@code backend.<name>.<key>}).
 */
public record RuntimeOptions(Path root, Optional<String> backend, Map<String, String> settings)
{
    public RuntimeOptions
    {
        requireNonNull(root, "root is null");
        requireNonNull(backend, "backend is null");
        settings = Map.copyOf(requireNonNull(settings, "settings is null"));
    }

    public static RuntimeOptions of(Path root)
    {
        return new RuntimeOptions(root, Optional.empty(), Map.of());
    }
}
