package io.libvfio.runtime.registry;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.runtime.plugin.LoadedPlugins;
import io.libvfio.runtime.plugin.PluginProvider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import static java.util.Objects.requireNonNull;

/**
 * The backend providers found through {@link ServiceLoader}, built in and from plug-ins,
 * validated and ordered by priority (highest first, then by name). A provider that fails to
 * load is reported, not fatal. Names are unique: the first provider with a name keeps it, so a
 * plug-in can never replace a built-in backend (built-ins are listed first).
 */
public final class BackendRegistry
{
    /** What a backend name must match. */
    public static final String NAME_FORMAT = "[a-z][a-z0-9-]*";

    private final List<BackendProvider> providers;
    private final List<String> loadFailures;

    public BackendRegistry(List<BackendProvider> providers, List<String> loadFailures)
    {
        List<BackendProvider> valid = new ArrayList<>();
        List<String> failures = new ArrayList<>(loadFailures);
        for (BackendProvider provider : providers) {
            String name = provider.name();
            BackendProvider taken = name == null ? null : find(valid, name);
            if (!isValidName(name)) {
                failures.add(origin(provider) + ": invalid backend name '" + name + "' (must match " + NAME_FORMAT + ")");
            }
            else if (taken != null) {
                failures.add(origin(provider) + ": backend name '" + name + "' is already taken by " + owner(taken)
                        + (provider instanceof PluginProvider ? "; a plug-in cannot replace it: give the plug-in's backend another name" : ""));
            }
            else {
                valid.add(provider);
            }
        }
        valid.sort(new PriorityOrder());
        this.providers = List.copyOf(valid);
        this.loadFailures = List.copyOf(failures);
    }

    /** Loads every {@link BackendProvider} visible to {@code classLoader}. */
    public static BackendRegistry load(ClassLoader classLoader)
    {
        return load(classLoader, LoadedPlugins.none());
    }

    /** Loads every built-in {@link BackendProvider} visible to {@code classLoader}, then the plug-ins'. */
    public static BackendRegistry load(ClassLoader classLoader, LoadedPlugins plugins)
    {
        requireNonNull(classLoader, "classLoader is null");
        requireNonNull(plugins, "plugins is null");
        List<BackendProvider> providers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Iterator<ServiceLoader.Provider<BackendProvider>> found = ServiceLoader.load(BackendProvider.class, classLoader).stream().iterator();
        while (found.hasNext()) {
            ServiceLoader.Provider<BackendProvider> provider = found.next();
            try {
                providers.add(provider.get());
            }
            catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                failures.add(provider.type().getName() + ": cannot load: " + e.getMessage());
            }
        }
        providers.addAll(plugins.providers());
        failures.addAll(plugins.failures());
        return new BackendRegistry(providers, failures);
    }

    public List<BackendProvider> providers()
    {
        return providers;
    }

    public List<String> loadFailures()
    {
        return loadFailures;
    }

    public List<String> names()
    {
        List<String> names = new ArrayList<>();
        for (BackendProvider provider : providers) {
            names.add(provider.name());
        }
        return Collections.unmodifiableList(names);
    }

    public Optional<BackendProvider> provider(String name)
    {
        return Optional.ofNullable(find(providers, name));
    }

    /** The named provider, or a usage error listing the known names. */
    public BackendProvider require(String name)
    {
        BackendProvider provider = find(providers, name);
        if (provider == null) {
            throw new VfioException(StandardErrorCode.UNKNOWN_BACKEND, "unknown backend '" + name + "'; known backends: " + String.join(", ", names()));
        }
        return provider;
    }

    /** Whether {@code name} matches {@link #NAME_FORMAT}; checked by hand, as a regex costs start-up time. */
    public static boolean isValidName(String name)
    {
        if (name == null || name.isEmpty() || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
            return false;
        }
        for (int index = 1; index < name.length(); index++) {
            char character = name.charAt(index);
            if (!(character >= 'a' && character <= 'z' || character >= '0' && character <= '9' || character == '-')) {
                return false;
            }
        }
        return true;
    }

    private static String origin(BackendProvider provider)
    {
        return provider instanceof PluginProvider plugin ? "plug-in " + plugin.jar() + " (" + plugin.className() + ")" : provider.getClass().getName();
    }

    private static String owner(BackendProvider provider)
    {
        return provider instanceof PluginProvider plugin ? "the plug-in " + plugin.jar() : "the built-in backend " + provider.getClass().getName();
    }

    private static BackendProvider find(List<BackendProvider> providers, String name)
    {
        for (BackendProvider provider : providers) {
            if (provider.name().equals(name)) {
                return provider;
            }
        }
        return null;
    }

    /** Highest priority first, then by name. */
    private static final class PriorityOrder
            implements Comparator<BackendProvider>
    {
        @Override
        public int compare(BackendProvider first, BackendProvider second)
        {
            int byPriority = Integer.compare(second.priority(), first.priority());
            return byPriority != 0 ? byPriority : first.name().compareTo(second.name());
        }
    }
}
