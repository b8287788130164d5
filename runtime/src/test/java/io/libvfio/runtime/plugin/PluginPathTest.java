package io.libvfio.runtime.plugin;

import io.libvfio.api.ErrorCategory;
import io.libvfio.api.VfioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class PluginPathTest
{
    @TempDir
    Path directory;

    @Test
    void theOptionWinsOverTheEnvironmentAndTheDefaults()
            throws Exception
    {
        Path one = Files.createDirectory(directory.resolve("one"));
        Path two = Files.createDirectory(directory.resolve("two"));

        List<PluginDirectory> path = PluginPath.resolve(Optional.of(one + "::" + two), Map.of(PluginPath.VARIABLE, "/elsewhere"), "/home/user");

        assertThat(path).containsExactly(new PluginDirectory(one, PluginDirectory.Source.OPTION), new PluginDirectory(two, PluginDirectory.Source.OPTION));
    }

    @Test
    void anEmptyOptionLoadsNoPlugins()
    {
        assertThat(PluginPath.resolve(Optional.of(""), Map.of(PluginPath.VARIABLE, "/elsewhere"), "/home/user")).isEmpty();
    }

    @Test
    void aMissingDirectoryInTheOptionIsAUsageError()
    {
        Path missing = directory.resolve("missing");

        VfioException error = catchThrowableOfType(() -> PluginPath.resolve(Optional.of(missing.toString()), Map.of(), "/home/user"), VfioException.class);

        assertThat(error).hasMessage("--plugins " + missing + ": no such directory");
        assertThat(error.category()).isEqualTo(ErrorCategory.USAGE);
    }

    @Test
    void theEnvironmentReplacesTheDefaultsAndItsMissingDirectoriesAreNotAnError()
    {
        assertThat(PluginPath.resolve(Optional.empty(), Map.of(PluginPath.VARIABLE, "/opt/a:relative/b"), "/home/user"))
                .containsExactly(new PluginDirectory(Path.of("/opt/a"), PluginDirectory.Source.ENVIRONMENT),
                        new PluginDirectory(Path.of("relative/b").toAbsolutePath(), PluginDirectory.Source.ENVIRONMENT));
    }

    @Test
    void theDefaultsAreTheSystemAndTheUsersDataDirectoryAndNeverUnderTheRoot()
    {
        assertThat(PluginPath.resolve(Optional.empty(), Map.of(), "/home/user")).containsExactly(
                new PluginDirectory(Path.of("/usr/lib/libvfio/plugins"), PluginDirectory.Source.DEFAULT),
                new PluginDirectory(Path.of("/home/user/.local/share/libvfio/plugins"), PluginDirectory.Source.DEFAULT));
        assertThat(PluginPath.resolve(Optional.empty(), Map.of("XDG_DATA_HOME", "/data"), "/home/user")).extracting(PluginDirectory::path)
                .containsExactly(Path.of("/usr/lib/libvfio/plugins"), Path.of("/data/libvfio/plugins"));
    }
}
