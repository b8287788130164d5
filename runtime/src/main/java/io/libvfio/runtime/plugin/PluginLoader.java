package io.libvfio.runtime.plugin;

import io.libvfio.api.spi.BackendProvider;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;

import static java.util.Objects.requireNonNull;

/**
 * Loads backend plug-ins: every {@code *.jar} of each {@link PluginDirectory}, in name order,
 * each in a {@link URLClassLoader} of its own whose parent shows only the api
 * ({@link ApiClassLoader}), its providers found through {@link ServiceLoader}. Whatever goes
 * wrong with one directory, jar or provider (not a jar, a malformed manifest, no provider
 * declared, a class that is missing or cannot link, a constructor or name that throws) becomes
 * one line in {@link LoadedPlugins#failures()} and never stops the others.
 * <p>
 * The class loaders stay open for the life of the process (or of the embedding runtime): a
 * backend's classes may be needed until then.
 */
public final class PluginLoader
{
    /** The file a plug-in jar lists its provider classes in. */
    public static final String SERVICE_FILE = "META-INF/services/" + BackendProvider.class.getName();

    private final ApiClassLoader parent;

    /** @param api the class loader that loaded libvfio's api, which plug-ins share */
    public PluginLoader(ClassLoader api)
    {
        this.parent = new ApiClassLoader(requireNonNull(api, "api is null"));
    }

    public LoadedPlugins load(List<PluginDirectory> directories)
    {
        List<PluginProvider> providers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (PluginDirectory directory : directories) {
            if (!Files.isDirectory(directory.path())) {
                if (directory.source() != PluginDirectory.Source.DEFAULT) {
                    failures.add(directory.source().label() + " entry " + directory.path() + ": no such directory");
                }
                continue;
            }
            for (Path jar : jars(directory.path(), failures)) {
                loadJar(jar, providers, failures);
            }
        }
        return new LoadedPlugins(providers, failures);
    }

    private static List<Path> jars(Path directory, List<String> failures)
    {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.jar")) {
            for (Path entry : entries) {
                jars.add(entry);
            }
        }
        catch (IOException | SecurityException e) {
            failures.add("plug-in directory " + directory + ": cannot list it: " + describe(e));
        }
        jars.sort(null);
        return jars;
    }

    private void loadJar(Path jar, List<PluginProvider> providers, List<String> failures)
    {
        String label = "plug-in " + jar;
        if (!Files.isRegularFile(jar)) {
            failures.add(label + ": not a regular file");
            return;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            // Reads and parses the manifest: a malformed one throws here, not later inside class loading.
            file.getManifest();
            if (file.getEntry(SERVICE_FILE) == null) {
                failures.add(label + ": declares no backend (no " + SERVICE_FILE + ")");
                return;
            }
        }
        catch (IOException | SecurityException e) {
            failures.add(label + ": not a readable jar: " + describe(e));
            return;
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("libvfio-plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, parent);
        }
        catch (MalformedURLException e) {
            failures.add(label + ": " + describe(e));
            return;
        }
        int before = providers.size();
        int failed = loadProviders(loader, jar, label, providers, failures);
        if (providers.size() == before && failed == 0) {
            failures.add(label + ": declares no backend (" + SERVICE_FILE + " lists no class)");
        }
        if (providers.size() == before) {
            close(loader);
        }
    }

    /** Adds the jar's providers; returns how many failed. */
    private static int loadProviders(URLClassLoader loader, Path jar, String label, List<PluginProvider> providers, List<String> failures)
    {
        Iterator<BackendProvider> found = ServiceLoader.load(BackendProvider.class, loader).iterator();
        int failed = 0;
        // ServiceLoader tries to go on after an error; the bound stops an iterator that keeps failing at one entry.
        for (int attempt = 0; attempt < 256; attempt++) {
            BackendProvider provider;
            try {
                if (!found.hasNext()) {
                    break;
                }
                provider = found.next();
            }
            catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                failures.add(label + ": " + describe(e));
                failed++;
                continue;
            }
            if (provider.getClass().getClassLoader() != loader) {
                continue;
            }
            try {
                providers.add(new PluginProvider(provider, jar));
            }
            catch (RuntimeException | LinkageError e) {
                failures.add(label + ": " + provider.getClass().getName() + " failed to tell its name, description, priority or support: " + describe(e));
                failed++;
            }
        }
        return failed;
    }

    private static void close(URLClassLoader loader)
    {
        try {
            loader.close();
        }
        catch (IOException ignored) {
            // nothing was loaded from it; the file handle goes with the process
        }
    }

    /** One line: the error's message without ServiceLoader's prefix, then its causes. */
    static String describe(Throwable error)
    {
        StringBuilder line = new StringBuilder();
        Throwable current = error;
        for (int depth = 0; current != null && depth < 4; depth++) {
            String message = current.getMessage();
            boolean wrapper = current instanceof ServiceConfigurationError;
            if (message != null && message.startsWith(BackendProvider.class.getName() + ": ")) {
                message = message.substring(BackendProvider.class.getName().length() + 2);
            }
            if (line.length() > 0) {
                line.append(": ");
            }
            line.append(wrapper || current instanceof IOException ? "" : current.getClass().getSimpleName() + (message == null ? "" : ": "));
            line.append(message == null ? "" : message);
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return line.toString();
    }
}
