package io.libvfio.runtime.host;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeDirectoriesTest
{
    @Test
    void aSimulatedHostKeepsEverythingInsideItsRoot()
    {
        RuntimeDirectories directories = RuntimeDirectories.forRoot(Path.of("/tmp/host"), Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), "/home/a", "a");
        assertThat(directories.run()).isEqualTo(Path.of("/tmp/host/run/libvfio"));
        assertThat(directories.data()).isEqualTo(Path.of("/tmp/host/var/lib/libvfio"));
    }

    @Test
    void theRealHostUsesSystemDirectoriesForRootAndXdgForUsers()
    {
        assertThat(RuntimeDirectories.forRoot(Path.of("/"), Map.of(), "/root", "root"))
                .isEqualTo(new RuntimeDirectories(Path.of("/run/libvfio"), Path.of("/var/lib/libvfio")));
        assertThat(RuntimeDirectories.forRoot(Path.of("/"), Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), "/home/a", "a"))
                .isEqualTo(new RuntimeDirectories(Path.of("/run/user/1000/libvfio"), Path.of("/home/a/.local/share/libvfio")));
        assertThat(RuntimeDirectories.forRoot(Path.of("/"), Map.of(), "/home/a", "a"))
                .isEqualTo(new RuntimeDirectories(Path.of("/tmp/libvfio-a"), Path.of("/home/a/.local/share/libvfio")));
    }

    @Test
    void environmentOverridesWinAndRelativeValuesAreIgnored()
    {
        RuntimeDirectories directories = RuntimeDirectories.forRoot(Path.of("/"),
                Map.of("LIBVFIO_RUN_DIR", "/srv/run", "LIBVFIO_DATA_DIR", "relative/data"), "/home/a", "a");
        assertThat(directories.run()).isEqualTo(Path.of("/srv/run"));
        assertThat(directories.data()).isEqualTo(Path.of("/home/a/.local/share/libvfio"));
    }
}
