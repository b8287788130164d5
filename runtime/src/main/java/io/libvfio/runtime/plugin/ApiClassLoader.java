package io.libvfio.runtime.plugin;

import static java.util.Objects.requireNonNull;

/**
 * The parent of every plug-in's class loader: the Java platform and libvfio's api
 * ({@code io.libvfio.api} and its subpackages), nothing else. A plug-in sees neither the
 * runtime, the CLI, the built-in backends nor their libraries (Guice, Jackson, JNA, ...), and
 * none of their resources, so {@link java.util.ServiceLoader} finds only the plug-in's own
 * providers. A plug-in that needs a library bundles it in its jar.
 */
final class ApiClassLoader
        extends ClassLoader
{
    static final String API_PACKAGE = "io.libvfio.api.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader api;

    ApiClassLoader(ClassLoader api)
    {
        super("libvfio-api", ClassLoader.getPlatformClassLoader());
        this.api = requireNonNull(api, "api is null");
    }

    /** Only reached for classes the platform does not have: the api's, from the loader that loaded it. */
    @Override
    protected Class<?> findClass(String name)
            throws ClassNotFoundException
    {
        if (name.startsWith(API_PACKAGE)) {
            return api.loadClass(name);
        }
        throw new ClassNotFoundException(name + " (a libvfio plug-in sees only the Java platform and " + API_PACKAGE + "*)");
    }
}
