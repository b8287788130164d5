package io.libvfio.cli;

import io.libvfio.api.ErrorCategory;
import io.libvfio.runtime.host.HostLock;
import io.libvfio.runtime.host.RuntimeDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code libvfio setup} on copies of the example hosts, with boot loader files added under the root. */
final class SetupCommandTest
{
    private static final String GRUB = "GRUB_DEFAULT=0\nGRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet splash\"\nGRUB_CMDLINE_LINUX=\"\"\n";

    @TempDir
    Path scratch;

    private Path host(String name)
            throws IOException
    {
        Path root = HostCopy.of(name, scratch.resolve(name));
        Files.createDirectories(root.resolve("etc/default"));
        Files.writeString(root.resolve("etc/default/grub"), GRUB);
        return root;
    }

    @Test
    void withoutApplyItShowsDiffsAndWritesNothing()
            throws IOException
    {
        Path root = host("intel-gvtg-laptop");

        CliRun run = CliRun.of("--root", root.toString(), "setup");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Boot loader: GRUB (/etc/default/grub)", "Kernel command line needs: intel_iommu=on iommu=pt i915.enable_gvt=1",
                "-GRUB_CMDLINE_LINUX_DEFAULT=\"quiet splash\"\n+GRUB_CMDLINE_LINUX_DEFAULT=\"quiet splash intel_iommu=on iommu=pt i915.enable_gvt=1\"\n",
                "/etc/modules-load.d/libvfio.conf (new): load at boot: vfio, vfio_iommu_type1, vfio_pci, mdev, kvmgt",
                "+f /dev/shm/looking-glass 0660 root kvm -",
                "Nothing written: run 'libvfio setup --apply' to make these changes.",
                "grub-mkconfig -o /boot/grub/grub.cfg");
        assertThat(Files.readString(root.resolve("etc/default/grub"))).isEqualTo(GRUB);
        assertThat(root.resolve("etc/modules-load.d")).doesNotExist();
    }

    @Test
    void applyWritesAfterShowingTheDiffAndASecondRunChangesNothing()
            throws IOException
    {
        Path root = host("amd-s7150-gim");

        CliRun first = CliRun.of("--root", root.toString(), "setup", "--apply");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("Writing 4 files:", "+blacklist amdgpu",
                "Wrote /etc/default/grub, /etc/modprobe.d/libvfio.conf, /etc/modules-load.d/libvfio.conf, /etc/tmpfiles.d/libvfio-looking-glass.conf.");
        assertThat(first.out().indexOf("+blacklist amdgpu")).isLessThan(first.out().indexOf("Wrote "));
        assertThat(Files.readString(root.resolve("etc/default/grub"))).contains("GRUB_CMDLINE_LINUX_DEFAULT=\"quiet splash intel_iommu=on iommu=pt\"");
        assertThat(Files.readString(root.resolve("etc/modprobe.d/libvfio.conf"))).endsWith("\nblacklist amdgpu\n");
        assertThat(first.out()).doesNotContain("i915.enable_gvt");

        CliRun second = CliRun.of("--root", root.toString(), "setup", "--apply");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("Nothing to change").doesNotContain("Wrote", "---", "Then run");
    }

    @Test
    void applyWaitsForTheHostLockAndPlansFromWhatIsThereThen()
            throws Exception
    {
        Path root = host("amd-s7150-gim");
        HostLock lock = HostLock.of(RuntimeDirectories.forRoot(root));
        CliRun[] result = new CliRun[1];
        Thread setup = new Thread(() -> result[0] = CliRun.of("--root", root.toString(), "setup", "--apply"), "setup-apply");
        try (HostLock.Held held = lock.acquire()) {
            setup.start();
            // Parked on the lock: nothing planned or written while another command holds it.
            while (setup.getState() != Thread.State.WAITING) {
                assertThat(setup.isAlive()).as("setup --apply ended while the host lock was held").isTrue();
                Thread.onSpinWait();
            }
            assertThat(Files.readString(root.resolve("etc/default/grub"))).isEqualTo(GRUB);
            assertThat(root.resolve("etc/modprobe.d/libvfio.conf")).doesNotExist();
        }
        setup.join();
        assertThat(result[0].exitCode()).isZero();
        assertThat(result[0].out()).contains("Wrote /etc/default/grub");
        assertThat(Files.readString(root.resolve("etc/modprobe.d/libvfio.conf"))).endsWith("\nblacklist amdgpu\n");
    }

    @Test
    void jsonCarriesTheDiffsAndWhatWasWritten()
            throws IOException
    {
        Path root = host("nvidia-turing-desktop");

        CliRun run = CliRun.of("--root", root.toString(), "setup", "--json", "--apply", "--user", "alice");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("{\n  \"schemaVersion\" : 1,")
                .contains("\"apply\" : true", "\"bootLoaders\" : [ \"GRUB (/etc/default/grub)\" ]",
                        "\"kernelParameters\" : [ \"intel_iommu=on\", \"iommu=pt\" ]",
                        "\"path\" : \"/etc/tmpfiles.d/libvfio-looking-glass.conf\"", "\"written\" : true",
                        "+f /dev/shm/looking-glass 0660 alice kvm -\\n", "\"followUp\" : [")
                .containsOnlyOnce("schemaVersion");
        assertThat(Files.readString(root.resolve("etc/modules-load.d/libvfio.conf"))).contains("\nmdev\n").doesNotContain("kvmgt");
    }

    @Test
    void aTargetInTheWayFailsBeforeAnythingIsWritten()
            throws IOException
    {
        Path root = host("intel-gvtg-laptop");
        Files.writeString(root.resolve("etc/modules-load.d"), "not a directory\n");

        CliRun run = CliRun.of("--root", root.toString(), "setup", "--apply");

        assertThat(run.exitCode()).isEqualTo(ErrorCategory.HOST.exitCode());
        assertThat(run.err()).startsWith("libvfio: error: cannot read /etc/modules-load.d/libvfio.conf: ");
        assertThat(Files.readString(root.resolve("etc/default/grub"))).isEqualTo(GRUB);
        assertThat(root.resolve("etc/tmpfiles.d")).doesNotExist();
    }

    @Test
    void aReadOnlyTargetFailsCleanlyAndLeavesEveryFileAsItWas()
            throws IOException, InterruptedException
    {
        Path root = host("intel-gvtg-laptop");
        Path directory = root.resolve("etc/default");
        assumeTrue(immutable(directory, "+i"), "needs chattr +i (root on ext4, xfs, btrfs or tmpfs)");
        CliRun run;
        try {
            run = CliRun.of("--root", root.toString(), "setup", "--apply");
        }
        finally {
            immutable(directory, "-i");
        }

        assertThat(run.exitCode()).isEqualTo(ErrorCategory.PERMISSION.exitCode());
        assertThat(run.err()).isEqualTo("libvfio: error: cannot write /etc/default/grub: Operation not permitted (nothing was written)\n");
        assertThat(run.out()).contains("+GRUB_CMDLINE_LINUX_DEFAULT=").doesNotContain("Wrote");
        assertThat(Files.readString(root.resolve("etc/default/grub"))).isEqualTo(GRUB);
        assertThat(root.resolve("etc/modules-load.d")).doesNotExist();
        assertThat(root.resolve("etc/tmpfiles.d")).doesNotExist();
        try (Stream<Path> files = Files.walk(root.resolve("etc"))) {
            assertThat(files.filter(path -> path.toString().endsWith(".libvfio-tmp"))).isEmpty();
        }
    }

    private static boolean immutable(Path directory, String flag)
            throws IOException, InterruptedException
    {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        Process chattr = new ProcessBuilder("chattr", flag, directory.toString()).redirectErrorStream(true).start();
        chattr.getInputStream().readAllBytes();
        return chattr.waitFor() == 0;
    }

    @Test
    void aBadUserIsAUsageError()
            throws IOException
    {
        CliRun run = CliRun.of("--root", host("iommu-off").toString(), "setup", "--user", "Robert'); DROP");
        assertThat(run.exitCode()).isEqualTo(ErrorCategory.USAGE.exitCode());
        assertThat(run.err()).contains("not a user name");
    }
}
