package io.libvfio.runtime.plugin;

import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Probe;
import io.libvfio.runtime.registry.BackendRegistry;
import io.libvfio.testkit.plugin.ClashingPluginProvider;
import io.libvfio.testkit.plugin.EmptyPluginBackend;
import io.libvfio.testkit.plugin.IsolatedPluginProvider;
import io.libvfio.testkit.plugin.NamelessPluginProvider;
import io.libvfio.testkit.plugin.PluginJars;
import io.libvfio.testkit.plugin.ThrowingPluginProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class PluginLoaderTest
{
    @TempDir
    Path directory;

    private LoadedPlugins load(Path... directories)
    {
        List<PluginDirectory> path = Arrays.stream(directories).map(dir -> new PluginDirectory(dir, PluginDirectory.Source.OPTION)).toList();
        return new PluginLoader(BackendProvider.class.getClassLoader()).load(path);
    }

    private Path isolatedPlugin(Path jar)
    {
        return PluginJars.plugin(jar, IsolatedPluginProvider.class, EmptyPluginBackend.class);
    }

    @Test
    void aPluginGetsItsOwnClassLoaderThatShowsOnlyTheApi()
    {
        Path jar = isolatedPlugin(directory.resolve("isolated.jar"));

        LoadedPlugins plugins = load(directory);

        assertThat(plugins.failures()).isEmpty();
        assertThat(plugins.providers()).singleElement().satisfies(provider -> {
            assertThat(provider.name()).isEqualTo(IsolatedPluginProvider.NAME);
            assertThat(provider.priority()).isEqualTo(3);
            assertThat(provider.jar()).isEqualTo(jar);
            assertThat(provider.className()).isEqualTo(IsolatedPluginProvider.class.getName());
            Probe probe = provider.probe(null);
            // The test class path has the runtime, Guice, Jackson and the test kit; the plug-in sees none of them.
            assertThat(probe.reason()).isEqualTo("sees nothing else; shares the api");
        });
    }

    @Test
    void everyBrokenJarIsOneLineAndTheHealthyOneStillLoads()
            throws IOException
    {
        isolatedPlugin(directory.resolve("a-healthy.jar"));
        Files.writeString(directory.resolve("b-not-a-jar.jar"), "just text");
        PluginJars.jar(directory.resolve("c-bad-manifest.jar"), PluginJars.MALFORMED_MANIFEST, IsolatedPluginProvider.class.getName() + "\n", IsolatedPluginProvider.class);
        PluginJars.jar(directory.resolve("d-no-services.jar"), "Manifest-Version: 1.0\n\n", null, IsolatedPluginProvider.class);
        PluginJars.jar(directory.resolve("e-missing-class.jar"), "Manifest-Version: 1.0\n\n", "com.example.NoSuchProvider\n");
        PluginJars.plugin(directory.resolve("f-throwing.jar"), ThrowingPluginProvider.class);
        PluginJars.plugin(directory.resolve("g-nameless.jar"), NamelessPluginProvider.class);
        PluginJars.jar(directory.resolve("h-empty-services.jar"), "Manifest-Version: 1.0\n\n", "# nothing here\n");
        Files.writeString(directory.resolve("notes.txt"), "not a jar name, ignored");

        LoadedPlugins plugins = load(directory);

        assertThat(plugins.providers()).extracting(PluginProvider::name).containsExactly(IsolatedPluginProvider.NAME);
        assertThat(plugins.failures()).containsExactly(
                "plug-in " + directory.resolve("b-not-a-jar.jar") + ": not a readable jar: zip END header not found",
                "plug-in " + directory.resolve("c-bad-manifest.jar") + ": not a readable jar: invalid header field (line 2)",
                "plug-in " + directory.resolve("d-no-services.jar") + ": declares no backend (no META-INF/services/io.libvfio.api.spi.BackendProvider)",
                "plug-in " + directory.resolve("e-missing-class.jar") + ": Provider com.example.NoSuchProvider not found",
                "plug-in " + directory.resolve("f-throwing.jar") + ": Provider " + ThrowingPluginProvider.class.getName()
                        + " could not be instantiated: IllegalStateException: " + ThrowingPluginProvider.MESSAGE,
                "plug-in " + directory.resolve("g-nameless.jar") + ": " + NamelessPluginProvider.class.getName()
                        + " failed to tell its name, description, priority or support: IllegalStateException: name not configured",
                "plug-in " + directory.resolve("h-empty-services.jar") + ": declares no backend (META-INF/services/io.libvfio.api.spi.BackendProvider lists no class)");
    }

    @Test
    void aPluginThatTakesABuiltInNameIsRefusedAndTheBuiltInKeepsIt()
    {
        Path jar = PluginJars.plugin(directory.resolve("clash.jar"), ClashingPluginProvider.class, EmptyPluginBackend.class);
        BackendProvider builtIn = new BuiltIn();

        LoadedPlugins plugins = load(directory);
        List<BackendProvider> providers = new ArrayList<>(List.of(builtIn));
        providers.addAll(plugins.providers());
        BackendRegistry registry = new BackendRegistry(providers, plugins.failures());

        assertThat(registry.providers()).containsExactly(builtIn);
        assertThat(registry.loadFailures()).containsExactly("plug-in " + jar + " (" + ClashingPluginProvider.class.getName()
                + "): backend name 'nvidia-gvm' is already taken by the built-in backend " + BuiltIn.class.getName()
                + "; a plug-in cannot replace it: give the plug-in's backend another name");
    }

    @Test
    void twoPluginsWithOneNameKeepTheFirstOnThePath()
    {
        Path first = isolatedPlugin(directory.resolve("one/isolated.jar"));
        Path second = isolatedPlugin(directory.resolve("two/isolated-again.jar"));

        LoadedPlugins plugins = load(directory.resolve("one"), directory.resolve("two"));
        BackendRegistry registry = new BackendRegistry(List.copyOf(plugins.providers()), plugins.failures());

        assertThat(registry.providers()).singleElement().extracting(provider -> ((PluginProvider) provider).jar()).isEqualTo(first);
        assertThat(registry.loadFailures()).singleElement().asString()
                .startsWith("plug-in " + second + " (").contains("is already taken by the plug-in " + first);
    }

    @Test
    void aMissingDirectoryFromTheEnvironmentIsReportedAndADefaultOneIsNot()
    {
        Path missing = directory.resolve("missing");
        LoadedPlugins plugins = new PluginLoader(BackendProvider.class.getClassLoader()).load(List.of(
                new PluginDirectory(missing, PluginDirectory.Source.ENVIRONMENT), new PluginDirectory(directory.resolve("gone"), PluginDirectory.Source.DEFAULT)));

        assertThat(plugins.providers()).isEmpty();
        assertThat(plugins.failures()).containsExactly("LIBVFIO_PLUGIN_PATH entry " + missing + ": no such directory");
    }

    /** A stand-in for the built-in backend of that name. */
    private static final class BuiltIn
            implements BackendProvider
    {
        @Override
        public String name()
        {
            return ClashingPluginProvider.NAME;
        }

        @Override
        public String description()
        {
            return "built in";
        }

        @Override
        public int priority()
        {
            return 10;
        }

        @Override
        public Probe probe(BackendContext context)
        {
            return Probe.unsupported("a stand-in");
        }

        @Override
        public Backend create(BackendContext context)
        {
            return new EmptyPluginBackend();
        }
    }
}
