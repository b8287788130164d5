package io.libvfio.cli;

import io.libvfio.api.ErrorCategory;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.LargeHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code libvfio create --vram}: the planner chooses type and GPU, under the host lock, on fake-kernel hosts. */
final class CreateBySizeTest
{
    private static final String TYPE_DIR = "/sys/class/mdev_bus/0000:01:00.0/mdev_supported_types/";

    @TempDir
    Path directory;

    @Test
    void theBestFitIsCreatedAndTheNextOneKeepsToTheSameType()
    {
        FakeKernel kernel = FakeKernel.on(HostCopy.of("nvidia-turing-desktop", directory.resolve("turing")));
        FakeKernelCli cli = new FakeKernelCli(kernel);
        String root = kernel.root().toString();

        CliRun first = cli.run("--root", root, "create", "--vram", "1G:2G", "--force");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("Chose type nvidia-1 (GVM [Geforce /10], 1024 MiB) on 0000:01:00.0 for --vram 1024-2048 MiB: best fit: 1024 MiB;")
                .contains("Created vGPU ");
        assertThat(kernel.list(TYPE_DIR + "nvidia-1/devices")).hasSize(1);

        CliRun second = cli.run("--root", root, "create", "--vram", "1G", "--policy", "pack", "--force", "--json");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("\"plan\" : {", "\"type\" : \"nvidia-1\"", "\"policy\" : \"pack\"");
        assertThat(kernel.list(TYPE_DIR + "nvidia-1/devices")).hasSize(2);
        assertThat(kernel.readRequired(TYPE_DIR + "nvidia-2/available_instances").strip()).isEqualTo("0");
    }

    @Test
    void aDryRunPrintsTheWritesAndMakesNone()
    {
        FakeKernel kernel = FakeKernel.on(HostCopy.of("nvidia-vgpu17-server", directory.resolve("server")));
        CliRun run = new FakeKernelCli(kernel).run("--root", kernel.root().toString(), "create", "--vram", "4G:4G", "--gpu", "0000:af:00.0", "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Chose type 1150 (NVIDIA L40S-4Q, 4096 MiB) on 0000:af:00.0 for --vram 4096-4096 MiB")
                .contains("Dry run: would create vGPU of type 1150 on 0000:af:00.0", "current_vgpu_type");
        assertThat(kernel.writes()).isEmpty();
    }

    @Test
    void parallelProcessesNeverPlanTheSameSlot()
            throws IOException, InterruptedException
    {
        int slots = 4;
        int processes = 9;
        Path root = directory.resolve("l40s");
        LargeHost.write(root, 1, slots);
        FakeKernel.on(root);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> started = new ArrayList<>();
        for (int index = 0; index < processes; index++) {
            started.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FakeKernelCli.class.getName(), root.toString(),
                    "create", "--vram", "2G:2G").redirectErrorStream(true).redirectOutput(directory.resolve("process-" + index + ".log").toFile()).start());
        }
        List<Integer> exitCodes = new ArrayList<>();
        for (Process process : started) {
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("a create process finished").isTrue();
            exitCodes.add(process.exitValue());
        }
        StringBuilder output = new StringBuilder();
        for (int index = 0; index < processes; index++) {
            output.append(Files.readString(directory.resolve("process-" + index + ".log")));
        }

        assertThat(exitCodes).as(output.toString()).filteredOn(code -> code == 0).hasSize(slots);
        assertThat(exitCodes).as(output.toString()).filteredOn(code -> code == ErrorCategory.NO_CAPACITY.exitCode()).hasSize(processes - slots);
        try (Stream<Path> records = Files.list(root.resolve("run/libvfio/vgpus"))) {
            assertThat(records.count()).isEqualTo(slots);
        }
    }

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
