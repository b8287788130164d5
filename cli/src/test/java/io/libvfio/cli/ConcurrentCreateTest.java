package io.libvfio.cli;

import io.libvfio.api.ErrorCategory;
import io.libvfio.api.PciAddress;
import io.libvfio.testkit.FakeKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many {@code libvfio create} processes at once against one fake-kernel host with fewer free
 * slots than processes: the host lock lets exactly as many succeed as there are slots, and
 * every other one ends with the no-capacity exit code.
 */
final class ConcurrentCreateTest
{
    private static final int GPUS = 3;
    private static final int PROCESSES = 9;

    @TempDir
    Path root;

    @Test
    void exactlyAsManyProcessesSucceedAsThereAreFreeSlots()
            throws IOException, InterruptedException
    {
        VgpuHostsForCli.geforces(root, GPUS, false);
        FakeKernel.on(root);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int index = 0; index < PROCESSES; index++) {
            Path log = root.resolveSibling("process-" + index + ".log");
            logs.add(log);
            PciAddress gpu = VgpuHostsForCli.gpu(index % GPUS);
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FakeKernelCli.class.getName(), root.toString(),
                    "create", "--gpu", gpu.toString(), "--type", "passthrough")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        List<Integer> exitCodes = new ArrayList<>();
        for (Process process : processes) {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("a create process finished").isTrue();
            exitCodes.add(process.exitValue());
        }
        String output = String.join("\n", logs.stream().map(ConcurrentCreateTest::read).toList());

        assertThat(exitCodes).as(output).filteredOn(code -> code == 0).hasSize(GPUS);
        assertThat(exitCodes).as(output).filteredOn(code -> code == ErrorCategory.NO_CAPACITY.exitCode()).hasSize(PROCESSES - GPUS);
        try (Stream<Path> records = Files.list(root.resolve("run/libvfio/vgpus"))) {
            assertThat(records.map(path -> path.getFileName().toString()).sorted())
                    .containsExactly(VgpuHostsForCli.gpu(0) + ".json", VgpuHostsForCli.gpu(1) + ".json", VgpuHostsForCli.gpu(2) + ".json");
        }
        for (int index = 0; index < GPUS; index++) {
            for (PciAddress function : List.of(VgpuHostsForCli.gpu(index), VgpuHostsForCli.audio(index))) {
                assertThat(Files.readSymbolicLink(root.resolve("sys/bus/pci/devices/" + function + "/driver")).toString())
                        .endsWith(File.separator + "vfio-pci");
            }
        }
    }

    private static String read(Path log)
    {
        try {
            return Files.readString(log);
        }
        catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
