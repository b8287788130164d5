package io.libvfio.runtime.host;

import io.libvfio.api.Errno;
import io.libvfio.api.VfioException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class LocalHostFsTest
{
    @TempDir
    Path root;
    private LocalHostFs fs;

    @BeforeEach
    void setUp()
            throws IOException
    {
        Files.createDirectories(root.resolve("sys/bus/pci/devices/0000:00:02.0"));
        Files.writeString(root.resolve("sys/bus/pci/devices/0000:00:02.0/vendor"), "0x8086\n");
        Files.writeString(root.resolve("sys/bus/pci/devices/0000:00:02.0/description"), "line one\nline two\n");
        Files.createDirectories(root.resolve("sys/bus/pci/drivers/i915"));
        Files.createSymbolicLink(root.resolve("sys/bus/pci/devices/0000:00:02.0/driver"), Path.of("../../drivers/i915"));
        fs = new LocalHostFs(HostPaths.of(root), new LibcAttributeWriter());
    }

    @Test
    void readsValuesWithoutTheirTrailingNewline()
    {
        assertThat(fs.read("/sys/bus/pci/devices/0000:00:02.0/vendor")).contains("0x8086");
        assertThat(fs.read("/sys/bus/pci/devices/0000:00:02.0/description")).contains("line one\nline two");
        assertThat(fs.read("/sys/bus/pci/devices/0000:00:02.0/missing")).isEmpty();
        assertThatThrownBy(() -> fs.readRequired("/sys/bus/pci/devices/0000:00:02.0/missing"))
                .hasMessageContaining("/sys/bus/pci/devices/0000:00:02.0/missing");
    }

    @Test
    void readsLinksAndListsDirectoriesSorted()
    {
        assertThat(fs.linkName("/sys/bus/pci/devices/0000:00:02.0/driver")).contains("i915");
        assertThat(fs.readLink("/sys/bus/pci/devices/0000:00:02.0/vendor")).isEmpty();
        assertThat(fs.list("/sys/bus/pci/devices/0000:00:02.0")).containsExactly("description", "driver", "vendor");
        assertThat(fs.list("/sys/class/mdev_bus")).isEmpty();
    }

    @Test
    void writesTheExactBytes()
            throws IOException
    {
        fs.write("/sys/bus/pci/devices/0000:00:02.0/vendor", "\n");
        assertThat(Files.readString(root.resolve("sys/bus/pci/devices/0000:00:02.0/vendor"))).isEqualTo("\n");
    }

    @Test
    void aRefusedWriteCarriesTheErrno()
    {
        assertThatThrownBy(() -> fs.write("/sys/bus/pci/devices/0000:00:02.0/nonexistent", "1"))
                .isInstanceOf(VfioException.class)
                .hasMessageContaining("/sys/bus/pci/devices/0000:00:02.0/nonexistent")
                .hasMessageContaining("ENOENT")
                .extracting(error -> ((VfioException) error).errno().orElseThrow()).isEqualTo(Errno.ENOENT);
        assertThatThrownBy(() -> fs.write("/sys/bus/pci/devices/0000:00:02.0", "1"))
                .extracting(error -> ((VfioException) error).errno().orElseThrow()).isEqualTo(Errno.EISDIR);
    }
}
