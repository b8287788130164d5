package io.libvfio.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code libvfio ls} on a simulated host: VM files and images inside the root. */
final class LsCommandTest
{
    @TempDir
    Path root;

    @Test
    void listsVmFilesWithTheirImageAndTheImages()
            throws IOException
    {
        Path vms = Files.createDirectories(root.resolve("etc/libvfio/vms"));
        Path images = Files.createDirectories(root.resolve("var/lib/libvfio/images"));
        Files.write(images.resolve("win11.qcow2"), new byte[3 * 1024 * 1024]);
        Files.write(images.resolve("virtio.iso"), new byte[1536]);
        Files.writeString(images.resolve("notes.txt"), "not an image");
        Files.writeString(vms.resolve("win11.yaml"), "libvfio: 1\ndisks: [/var/lib/libvfio/images/win11.qcow2]\n");
        Files.writeString(vms.resolve("broken.yaml"), "libvfio: 1\nmemory: 1\n");
        Files.writeString(vms.resolve("gone.yaml"), "libvfio: 1\ndisks: [/var/lib/libvfio/images/gone.qcow2]\n");

        CliRun run = CliRun.of("--root", root.toString(), "ls");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("VMs in " + vms + ":\n")
                .containsPattern("- +broken\\.yaml +- +- +- +invalid: broken\\.yaml:2:9: memory: 1 is out of range \\(64 to 16777216 MiB\\)")
                .containsPattern("gone +gone\\.yaml +native +" + images.resolve("gone.qcow2") + " +missing +ok")
                .containsPattern("win11 +win11\\.yaml +native +" + images.resolve("win11.qcow2") + " +3\\.0 MiB +ok")
                .contains("Images in " + images + ":\n")
                .containsPattern("virtio\\.iso +1\\.5 KiB")
                .containsPattern("win11\\.qcow2 +3\\.0 MiB")
                .doesNotContain("notes.txt");
        assertThat(run.err()).isEmpty();

        CliRun json = CliRun.of("--root", root.toString(), "ls", "--json");
        assertThat(json.out()).startsWith("{\n  \"schemaVersion\" : 1,").contains("\"imageBytes\" : 3145728", "\"bytes\" : 1536", "\"ok\" : false");
    }

    @Test
    void emptyLocationsSayWhereFilesGo()
    {
        CliRun run = CliRun.of("--root", root.toString(), "ls");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("VMs in " + root.resolve("etc/libvfio/vms") + ":\n  none (put VM files there, or run: libvfio config schema > ",
                "Images in " + root.resolve("var/lib/libvfio/images") + ":\n  none");
    }
}
