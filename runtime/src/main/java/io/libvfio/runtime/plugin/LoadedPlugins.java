package io.libvfio.runtime.plugin;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What the plug-in directories gave: the providers that loaded, and one line for each jar,
 * provider or directory that did not, naming it and why.
 */
public record LoadedPlugins(List<PluginProvider> providers, List<String> failures)
{
    public LoadedPlugins
    {
        providers = List.copyOf(requireNonNull(providers, "providers is null"));
        failures = List.copyOf(requireNonNull(failures, "failures is null"));
    }

    public static LoadedPlugins none()
    {
        return new LoadedPlugins(List.of(), List.of());
    }
}
