package io.libvfio.cli;

import io.libvfio.runtime.RuntimeAssembly;
import io.libvfio.testkit.SimulatedHost;
import io.libvfio.testkit.plugin.ClashingPluginProvider;
import io.libvfio.testkit.plugin.EmptyPluginBackend;
import io.libvfio.testkit.plugin.IsolatedPluginProvider;
import io.libvfio.testkit.plugin.PluginJars;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --plugins}, {@code LIBVFIO_PLUGIN_PATH} and what {@code backends} says about plug-ins. */
final class PluginsCliTest
{
    @TempDir
    Path directory;

    private Path root;
    private Path plugins;
    private Path isolated;

    @BeforeEach
    void hostAndPlugins()
            throws IOException
    {
        root = directory.resolve("host");
        SimulatedHost.create(root, "quiet intel_iommu=on");
        plugins = Files.createDirectories(directory.resolve("plugins"));
        isolated = PluginJars.plugin(plugins.resolve("isolated.jar"), IsolatedPluginProvider.class, EmptyPluginBackend.class);
    }

    @Test
    void backendsListsAPluginWithItsJarAndEveryBrokenOneAsALine()
            throws IOException
    {
        Path clash = PluginJars.plugin(plugins.resolve("clash.jar"), ClashingPluginProvider.class, EmptyPluginBackend.class);
        Files.writeString(plugins.resolve("broken.jar"), "not a zip");

        CliRun run = CliRun.of("--root", root.toString(), "--plugins", plugins.toString(), "backends");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .containsPattern("(?m)^fixture-isolated +3 +active +sees nothing else; shares the api$")
                .contains("plug-in " + isolated)
                .containsPattern("(?m)^nvidia-gvm +\\d+ +declined ")
                .containsPattern("(?m)^- +- +not loaded +plug-in " + java.util.regex.Pattern.quote(plugins.resolve("broken.jar").toString()) + ": not a readable jar")
                .contains("plug-in " + clash + " (" + ClashingPluginProvider.class.getName() + "): backend name 'nvidia-gvm' is already taken by the built-in backend");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void jsonNamesThePluginJarAndTheLoadFailures()
            throws IOException
    {
        Files.writeString(plugins.resolve("broken.jar"), "not a zip");

        CliRun run = CliRun.of("--root", root.toString(), "--plugins", plugins.toString(), "--json", "backends");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"name\" : \"fixture-isolated\"", "\"plugin\" : \"" + isolated + "\"", "\"plugin\" : null",
                "\"loadFailures\" : [ \"plug-in " + plugins.resolve("broken.jar") + ": not a readable jar: zip END header not found\" ]");
    }

    @Test
    void aPluginCanBeTheOnlyBackend()
    {
        CliRun run = CliRun.of("--root", root.toString(), "--plugins", plugins.toString(), "--backend", IsolatedPluginProvider.NAME, "backends");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("fixture-isolated").doesNotContain("nvidia-gvm");
    }

    @Test
    void aMissingPluginDirectoryIsAUsageError()
    {
        CliRun run = CliRun.of("--root", root.toString(), "--plugins", plugins + ":" + directory.resolve("nope"), "gpus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("libvfio: error: --plugins " + directory.resolve("nope") + ": no such directory\n");
    }

    @Test
    void theEnvironmentVariableNamesThePluginDirectoriesAndTheOptionOverridesIt()
    {
        Map<String, String> environment = Map.of("LIBVFIO_PLUGIN_PATH", plugins.toString());

        String fromEnvironment = run(environment, "--root", root.toString(), "backends");
        String overridden = run(environment, "--root", root.toString(), "--plugins", "", "backends");

        assertThat(fromEnvironment).contains("fixture-isolated");
        assertThat(overridden).doesNotContain("fixture-isolated").contains("nvidia-gvm");
    }

    @Test
    void pluginsAreNeverLoadedFromUnderTheRoot()
            throws IOException
    {
        Path underRoot = Files.createDirectories(root.resolve("usr/lib/libvfio/plugins"));
        Files.copy(isolated, underRoot.resolve("isolated.jar"));

        String output = run(Map.of("XDG_DATA_HOME", directory.resolve("no-data").toString()), "--root", root.toString(), "backends");

        assertThat(output).doesNotContain("fixture-isolated");
    }

    private static String run(Map<String, String> environment, String... args)
    {
        StringWriter out = new StringWriter();
        int exitCode = new Cli(RuntimeAssembly::new, environment).execute(args, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(exitCode).isZero();
        return out.toString();
    }
}
