package io.libvfio.runtime;

import io.libvfio.runtime.plugin.PluginDirectory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a runtime is set up: the host root, an optional backend restriction
 * ({@code --backend}), backend settings ({@code backend.<name>.<key>}), and the directories
 * backend plug-ins are loaded from (none unless given: the command line resolves
 * {@code --plugins}, {@code LIBVFIO_PLUGIN_PATH} and the defaults with
 * {@link io.libvfio.runtime.plugin.PluginPath}). Plug-in directories are paths on this
 * machine, never under the root.
 */
public record RuntimeOptions(Path root, Optional<String> backend, Map<String, String> settings, List<PluginDirectory> plugins)
{
    public RuntimeOptions
    {
        requireNonNull(root, "root is null");
        requireNonNull(backend, "backend is null");
        settings = Map.copyOf(requireNonNull(settings, "settings is null"));
        plugins = List.copyOf(requireNonNull(plugins, "plugins is null"));
    }

    /** Options without plug-ins. */
    public RuntimeOptions(Path root, Optional<String> backend, Map<String, String> settings)
    {
        this(root, backend, settings, List.of());
    }

    public static RuntimeOptions of(Path root)
    {
        return new RuntimeOptions(root, Optional.empty(), Map.of());
    }

    /** These options with the plug-ins of {@code directories}. */
    public RuntimeOptions withPlugins(List<PluginDirectory> directories)
    {
        return new RuntimeOptions(root, backend, settings, directories);
    }
}
