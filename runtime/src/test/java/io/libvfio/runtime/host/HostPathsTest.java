package io.libvfio.runtime.host;

import io.libvfio.api.ErrorCategory;
import io.libvfio.api.VfioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class HostPathsTest
{
    @TempDir
    Path root;

    @Test
    void resolvesHostPathsUnderTheRoot()
            throws IOException
    {
        Files.createDirectories(root.resolve("sys/bus/pci/devices"));
        HostPaths paths = HostPaths.of(root);
        assertThat(paths.resolve("/sys/bus/pci/devices/0000:00:02.0/vendor"))
                .isEqualTo(root.resolve("sys/bus/pci/devices/0000:00:02.0/vendor"));
        assertThat(paths.isRealRoot()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sys/bus", "/sys/../etc/shadow", "/sys/./bus", "/sys//bus", "/", "/sys/bus/\0x"})
    void refusesPathsThatCouldEscape(String path)
    {
        assertThatThrownBy(() -> HostPaths.check(path))
                .isInstanceOf(VfioException.class)
                .hasMessageContaining("refusing host path");
    }

    @Test
    void aMissingRootIsAHostErrorNamingIt()
    {
        assertThatThrownBy(() -> HostPaths.of(root.resolve("nope")))
                .isInstanceOf(VfioException.class)
                .hasMessageContaining("--root " + root.resolve("nope") + ": no such directory")
                .extracting(error -> ((VfioException) error).category()).isEqualTo(ErrorCategory.HOST);
    }

    @Test
    void aTreeWithoutSysfsIsRefused()
    {
        assertThatThrownBy(() -> HostPaths.of(root))
                .isInstanceOf(VfioException.class)
                .hasMessageContaining("not a Linux root");
    }
}
