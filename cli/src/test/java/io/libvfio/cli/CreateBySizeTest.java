package io.libvfio.cli;

import io.libvfio.api.ErrorCategory;
import io.libvfio.testkit.FakeKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code libvfio create --vram} on the command line: bad input and no capacity, with nothing written. (The vendor backends of this
 * branch do not create yet; the create itself is tested in the runtime's VgpuServicePlanTest with its test backend.)
 */
final class CreateBySizeTest
{
    @TempDir
    Path directory;

    @Test
    void nothingFitsIsNoCapacityNamingTheNearestAndWritesNothing()
    {
        FakeKernel kernel = FakeKernel.on(HostCopy.of("nvidia-turing-desktop", directory.resolve("turing")));
        FakeKernelCli cli = new FakeKernelCli(kernel);
        String root = kernel.root().toString();

        CliRun tooBig = cli.run("--root", root, "create", "--vram", "2G:4G");
        assertThat(tooBig.exitCode()).isEqualTo(ErrorCategory.NO_CAPACITY.exitCode());
        assertThat(tooBig.err()).isEqualTo("libvfio: error: no free GPU slice for --vram 2048-4096 MiB; nearest: "
                + "nvidia-1 GVM [Geforce /10] on 0000:01:00.0 (1024 MiB, 10 free: too small: 1024 MiB < 2048 MiB), "
                + "nvidia-2 GVM [NVS /10] on 0000:01:00.0 (1024 MiB, 10 free: too small: 1024 MiB < 2048 MiB), "
                + "nvidia-3 GVM [Quadro /10] on 0000:01:00.0 (1024 MiB, 10 free: too small: 1024 MiB < 2048 MiB)\n");
        assertThat(cli.run("--root", root, "create", "--vram", "1G", "--type", "nvidia-1").err()).contains("create: give --type ID or --vram MIN[:MAX], not both");
        assertThat(cli.run("--root", root, "create", "--gpu", "0000:01:00.0", "--type", "nvidia-1", "--policy", "pack").err())
                .contains("create: --policy goes with --vram");
        assertThat(cli.run("--root", root, "create", "--vram", "4G:1G").exitCode()).isEqualTo(2);
        assertThat(kernel.writes()).isEmpty();
    }
}
