package io.libvfio.runtime.setup;

import io.libvfio.api.ErrorCategory;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** All files or none, each whole: temporary files first, renames only when every one is written. */
final class AtomicFileWriterTest
{
    private static final String GRUB = "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n";

    @TempDir
    Path root;

    private HostPaths host()
    {
        SimulatedHost.create(root, "ro");
        return HostPaths.of(root);
    }

    private List<FileChange> changes()
            throws IOException
    {
        Files.createDirectories(root.resolve("etc/default"));
        Files.writeString(root.resolve("etc/default/grub"), GRUB);
        Files.setPosixFilePermissions(root.resolve("etc/default/grub"), PosixFilePermissions.fromString("rw-------"));
        return List.of(
                new FileChange("/etc/default/grub", Optional.of(GRUB), "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet iommu=pt\"\n", "test"),
                new FileChange("/etc/modules-load.d/libvfio.conf", Optional.empty(), "vfio\n", "test"));
    }

    @Test
    void everyFileIsReplacedWholeKeepingItsPermissions()
            throws IOException
    {
        HostPaths paths = host();
        List<String> written = new AtomicFileWriter(paths).apply(changes());

        assertThat(written).containsExactly("/etc/default/grub", "/etc/modules-load.d/libvfio.conf");
        assertThat(Files.readString(root.resolve("etc/default/grub"))).isEqualTo("GRUB_CMDLINE_LINUX_DEFAULT=\"quiet iommu=pt\"\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("etc/default/grub")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("etc/modules-load.d/libvfio.conf")))).isEqualTo("rw-r--r--");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aReadOnlyTargetFailsCleanlyWithNothingWritten()
            throws IOException
    {
        HostPaths paths = host();
        List<FileChange> changes = changes();
        AtomicFileWriter readOnlySecond = new AtomicFileWriter(paths, (temporary, content) -> {
            if (temporary.getParent().endsWith("modules-load.d")) {
                throw new FileSystemException(temporary.toString(), null, "Read-only file system");
            }
            Files.write(temporary, content);
        });

        assertThatThrownBy(() -> readOnlySecond.apply(changes))
                .isInstanceOf(VfioException.class)
                .hasMessage("cannot write /etc/modules-load.d/libvfio.conf: Read-only file system (nothing was written)")
                .extracting(error -> ((VfioException) error).category()).isEqualTo(ErrorCategory.HOST);
        assertThat(Files.readString(root.resolve("etc/default/grub"))).as("the first file, staged fine, is untouched").isEqualTo(GRUB);
        assertThat(root.resolve("etc/modules-load.d")).as("a directory made for the failed file is removed again").doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aReallyImmutableDirectoryFailsTheSameWay()
            throws IOException, InterruptedException
    {
        HostPaths paths = host();
        List<FileChange> changes = changes();
        Path directory = root.resolve("etc/default");
        assumeTrue(makeReadOnly(directory), "cannot make a directory read-only here (chattr +i as root, chmod as a user)");
        try {
            assertThatThrownBy(() -> new AtomicFileWriter(paths).apply(changes))
                    .isInstanceOf(VfioException.class)
                    .hasMessageStartingWith("cannot write /etc/default/grub: ")
                    .hasMessageEndingWith("(nothing was written)");
        }
        finally {
            undoReadOnly(directory);
        }
        assertThat(Files.readString(root.resolve("etc/default/grub"))).isEqualTo(GRUB);
        assertThat(root.resolve("etc/modules-load.d")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFileChangedSincePlanningIsNotOverwritten()
            throws IOException
    {
        HostPaths paths = host();
        List<FileChange> changes = changes();
        Files.writeString(root.resolve("etc/default/grub"), "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet nomodeset\"\n");

        assertThatThrownBy(() -> new AtomicFileWriter(paths).apply(changes))
                .isInstanceOf(VfioException.class)
                .hasMessage("/etc/default/grub changed since setup read it; run setup again (nothing was written)")
                .extracting(error -> ((VfioException) error).category()).isEqualTo(ErrorCategory.CONFLICT);
        assertThat(Files.readString(root.resolve("etc/default/grub"))).contains("nomodeset");
        assertThat(root.resolve("etc/modules-load.d/libvfio.conf")).doesNotExist();
    }

    @Test
    void aLinkedConfigurationIsWrittenThroughTheLinkButNeverOutsideTheRoot()
            throws IOException
    {
        HostPaths paths = host();
        Files.createDirectories(root.resolve("etc/kernel"));
        Files.writeString(root.resolve("etc/kernel/cmdline.real"), "ro\n");
        Files.createSymbolicLink(root.resolve("etc/kernel/cmdline"), Path.of("cmdline.real"));
        new AtomicFileWriter(paths).apply(List.of(new FileChange("/etc/kernel/cmdline", Optional.of("ro\n"), "ro iommu=pt\n", "test")));
        assertThat(Files.isSymbolicLink(root.resolve("etc/kernel/cmdline"))).isTrue();
        assertThat(Files.readString(root.resolve("etc/kernel/cmdline.real"))).isEqualTo("ro iommu=pt\n");

        Path outside = Files.writeString(Files.createTempFile("outside", ".conf"), "x\n");
        try {
            Files.createDirectories(root.resolve("etc/modprobe.d"));
            Files.createSymbolicLink(root.resolve("etc/modprobe.d/libvfio.conf"), outside);
            assertThatThrownBy(() -> new AtomicFileWriter(paths).apply(List.of(new FileChange("/etc/modprobe.d/libvfio.conf", Optional.of("x\n"), "y\n", "test"))))
                    .isInstanceOf(VfioException.class).hasMessageContaining("outside the root");
            assertThat(Files.readString(outside)).isEqualTo("x\n");
        }
        finally {
            Files.delete(outside);
        }
    }

    private List<Path> leftovers()
            throws IOException
    {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(path -> path.getFileName().toString().endsWith(".libvfio-tmp")).toList();
        }
    }

    private static boolean makeReadOnly(Path directory)
            throws IOException, InterruptedException
    {
        if (!"root".equals(System.getProperty("user.name"))) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-xr-xr-x"));
            return !Files.isWritable(directory);
        }
        Process chattr = new ProcessBuilder("chattr", "+i", directory.toString()).redirectErrorStream(true).start();
        chattr.getInputStream().readAllBytes();
        if (chattr.waitFor() != 0) {
            return false;
        }
        try {
            Files.delete(Files.createTempFile(directory, "probe", ".tmp"));
            undoReadOnly(directory);
            return false;
        }
        catch (IOException expected) {
            return true;
        }
    }

    private static void undoReadOnly(Path directory)
            throws IOException, InterruptedException
    {
        if (!"root".equals(System.getProperty("user.name"))) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            return;
        }
        new ProcessBuilder("chattr", "-i", directory.toString()).redirectErrorStream(true).start().waitFor();
    }
}
