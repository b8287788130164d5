package io.libvfio.testkit.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Builds backend plug-in jars for tests: chosen classes of the test class path (top-level
 * classes only: nested ones are not copied), a services file and a manifest, each of which
 * may be broken on purpose.
 */
public final class PluginJars
{
    /** The services file a plug-in lists its providers in. */
    public static final String SERVICE_FILE = "META-INF/services/io.libvfio.api.spi.BackendProvider";
    /** A manifest the JDK's parser rejects (a line without a colon). */
    public static final String MALFORMED_MANIFEST = "Manifest-Version: 1.0\nthis line has no colon\n\n";

    private PluginJars()
    {
    }

    /** A plug-in jar with {@code provider} listed in its services file, and its class and {@code helpers} inside. */
    public static Path plugin(Path jar, Class<?> provider, Class<?>... helpers)
    {
        Class<?>[] classes = new Class<?>[helpers.length + 1];
        classes[0] = provider;
        System.arraycopy(helpers, 0, classes, 1, helpers.length);
        return jar(jar, "Manifest-Version: 1.0\n\n", provider.getName() + "\n", classes);
    }

    /**
     * A jar with this manifest (none when null), services file (none when null) and classes.
     */
    public static Path jar(Path jar, String manifest, String services, Class<?>... classes)
    {
        try {
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
                if (manifest != null) {
                    entry(out, "META-INF/MANIFEST.MF", manifest.getBytes(StandardCharsets.UTF_8));
                }
                if (services != null) {
                    entry(out, SERVICE_FILE, services.getBytes(StandardCharsets.UTF_8));
                }
                for (Class<?> type : classes) {
                    String name = type.getName().replace('.', '/') + ".class";
                    try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
                        if (in == null) {
                            throw new IllegalStateException("no class file for " + type.getName());
                        }
                        entry(out, name, in.readAllBytes());
                    }
                }
            }
            return jar;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void entry(JarOutputStream out, String name, byte[] content)
            throws IOException
    {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }
}
