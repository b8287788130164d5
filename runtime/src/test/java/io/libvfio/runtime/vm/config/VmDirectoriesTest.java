package io.libvfio.runtime.vm.config;

import io.libvfio.runtime.host.RuntimeDirectories;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where {@code libvfio ls} looks, on a simulated host and on the real one. */
final class VmDirectoriesTest
{
    @Test
    void onASimulatedHostBothLieInsideTheRoot()
    {
        VmDirectories directories = VmDirectories.forRoot(Path.of("/tmp/host"), Map.of("XDG_CONFIG_HOME", "/home/alice/.cfg"), "/home/alice", "alice");
        assertThat(directories.vms()).isEqualTo(Path.of("/tmp/host/etc/libvfio/vms"));
        assertThat(directories.images()).isEqualTo(RuntimeDirectories.forRoot(Path.of("/tmp/host")).data().resolve("images"));
    }

    @Test
    void onTheRealRootAUserHasXdgDirectoriesAndRootHasEtc()
    {
        assertThat(VmDirectories.forRoot(Path.of("/"), Map.of("XDG_CONFIG_HOME", "/home/alice/.cfg"), "/home/alice", "alice").vms())
                .isEqualTo(Path.of("/home/alice/.cfg/libvfio/vms"));
        assertThat(VmDirectories.forRoot(Path.of("/"), Map.of(), "/home/alice", "alice").vms()).isEqualTo(Path.of("/home/alice/.config/libvfio/vms"));
        assertThat(VmDirectories.forRoot(Path.of("/"), Map.of("XDG_CONFIG_HOME", "relative"), "/home/alice", "alice").vms())
                .as("a relative XDG value is ignored, as the XDG spec says").isEqualTo(Path.of("/home/alice/.config/libvfio/vms"));
        assertThat(VmDirectories.forRoot(Path.of("/"), Map.of(), "/root", "root").vms()).isEqualTo(Path.of("/etc/libvfio/vms"));
        assertThat(VmDirectories.forRoot(Path.of("/tmp/host"), Map.of("LIBVFIO_VM_DIR", "/srv/vms"), "/root", "root").vms()).isEqualTo(Path.of("/srv/vms"));
    }
}
