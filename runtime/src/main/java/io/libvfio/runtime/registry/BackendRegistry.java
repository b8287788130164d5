package io.libvfio.runtime.registry;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.BackendProvider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The backend providers found through {@link ServiceLoader}, validated and ordered by priority
 * (highest first, then by name). A provider that fails to load is reported, not fatal.
 */
public final class BackendRegistry
{
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final List<BackendProvider> providers;
    private final List<String> loadFailures;

    public BackendRegistry(List<BackendProvider> providers, List<String> loadFailures)
    {
        List<BackendProvider> valid = new ArrayList<>();
        List<String> failures = new ArrayList<>(loadFailures);
        for (BackendProvider provider : providers) {
            String name = provider.name();
            if (name == null || !NAME.matcher(name).matches()) {
                failures.add("%s: invalid backend name '%s' (must match %s)".formatted(provider.getClass().getName(), name, NAME.pattern()));
            }
            else if (valid.stream().anyMatch(other -> other.name().equals(name))) {
                failures.add("%s: backend name '%s' is already taken by %s".formatted(provider.getClass().getName(), name,
                        valid.stream().filter(other -> other.name().equals(name)).findFirst().orElseThrow().getClass().getName()));
            }
            else {
                valid.add(provider);
            }
        }
        valid.sort(Comparator.comparingInt(BackendProvider::priority).reversed().thenComparing(BackendProvider::name));
        this.providers = List.copyOf(valid);
        this.loadFailures = List.copyOf(failures);
    }

    /** Loads every {@link BackendProvider} visible to {@code classLoader}. */
    public static BackendRegistry load(ClassLoader classLoader)
    {
        requireNonNull(classLoader, "classLoader is null");
        List<BackendProvider> providers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (ServiceLoader.Provider<BackendProvider> provider : ServiceLoader.load(BackendProvider.class, classLoader).stream().toList()) {
            try {
                providers.add(provider.get());
            }
            catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                failures.add("%s: cannot load: %s".formatted(provider.type().getName(), e.getMessage()));
            }
        }
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
        return providers.stream().map(BackendProvider::name).toList();
    }

    public Optional<BackendProvider> provider(String name)
    {
        return providers.stream().filter(provider -> provider.name().equals(name)).findFirst();
    }

    /** The named provider, or a usage error listing the known names. */
    public BackendProvider require(String name)
    {
        return provider(name).orElseThrow(() -> new VfioException(StandardErrorCode.UNKNOWN_BACKEND,
                "unknown backend '%s'; known backends: %s".formatted(name, String.join(", ", names()))));
    }
}
