package io.libvfio.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.libvfio.testkit.FakeKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code libvfio plan} on the bundled simulated hosts: the choice, why others lost, and bad input. */
final class PlanCommandTest
{
    private static final String SERVER = "../examples/hosts/nvidia-vgpu17-server";

    @TempDir
    Path directory;

    private static String row(CliRun run, String start)
    {
        return run.out().lines().filter(line -> line.replaceAll(" +", " ").startsWith(start)).findFirst().orElseThrow(() -> new AssertionError("no row " + start + " in\n" + run.out()));
    }

    @Test
    void theSmallestFittingTypeOnTheFirstOfTwoEqualGpusIsChosen()
    {
        CliRun run = CliRun.of("--root", SERVER, "plan", "--vram", "1500:4G");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("libvfio plan: host ", "nvidia-vgpu17-server, policy spread",
                "Request --vram 1500-4096 MiB: 1146 NVIDIA L40S-2B on 0000:3b:00.0 (2048 MiB, NUMA node 0, 32 free before this)");
        assertThat(row(run, "chosen")).contains("0000:3b:00.0", "1146 NVIDIA L40S-2B", "vendor-vfio", "2048 MiB", "best fit");
        assertThat(row(run, "outranked 0000:af:00.0 1 1146")).contains("same size and free capacity; 0000:af:00.0 comes after 0000:3b:00.0");
        assertThat(row(run, "outranked 0000:3b:00.0 0 1150")).contains("larger than the chosen 1146 NVIDIA L40S-2B (4096 MiB > 2048 MiB)");
        assertThat(row(run, "rejected 0000:3b:00.0 0 1145")).contains("too small: 1024 MiB < 1500 MiB");
        assertThat(row(run, "rejected 0000:3b:00.0 0 1155")).contains("too big: 24576 MiB > 4096 MiB");
    }

    @Test
    void gpuAndTypeNarrowTheChoice()
    {
        CliRun run = CliRun.of("--root", SERVER, "plan", "--type", "1148", "--gpu", "0000:af:00.0", "--policy", "pack");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Request --type 1148: 1148 NVIDIA L40S-2Q on 0000:af:00.0");
        assertThat(row(run, "rejected 0000:3b:00.0 0 1148")).contains("not the GPU asked for (0000:af:00.0)");
    }

    @Test
    void jsonIsOneDocumentWithEveryCandidate()
            throws IOException
    {
        CliRun run = CliRun.of("--root", SERVER, "plan", "--vram", "2G", "--json");

        assertThat(run.exitCode()).isZero();
        int candidates = 0;
        try (JsonParser parser = new JsonFactory().createParser(run.out())) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            parser.skipChildren();
            assertThat(parser.nextToken()).isNull();
        }
        candidates = run.out().split("\"outcome\"", -1).length - 1;
        assertThat(candidates).isEqualTo(46 + 1);
        assertThat(run.out()).contains("\"schemaVersion\" : 1", "\"satisfied\" : true", "\"reasons\" : [ \"too-small\" ]", "\"error\" : null");
    }

    @Test
    void aRequestNoGpuCanSatisfyExitsNineNamingTheNearest()
    {
        CliRun run = CliRun.of("--root", SERVER, "plan", "--vram", "64G:80G");

        assertThat(run.exitCode()).isEqualTo(9);
        assertThat(run.out()).contains("Request --vram 65536-81920 MiB: cannot be satisfied");
        assertThat(run.err()).isEqualTo("libvfio: error: no free GPU slice for --vram 65536-81920 MiB; nearest: "
                + "1156 NVIDIA L40S-48Q on 0000:3b:00.0 (49152 MiB, 32 free: too small: 49152 MiB < 65536 MiB), "
                + "1166 NVIDIA L40S-48A on 0000:3b:00.0 (49152 MiB, 32 free: too small: 49152 MiB < 65536 MiB), "
                + "1156 NVIDIA L40S-48Q on 0000:af:00.0 (49152 MiB, 32 free: too small: 49152 MiB < 65536 MiB)\n");

        CliRun json = CliRun.of("--root", SERVER, "plan", "--vram", "64G:80G", "--json");
        assertThat(json.exitCode()).isEqualTo(9);
        assertThat(json.out()).contains("\"satisfied\" : false", "\"code\" : \"NO_CAPACITY\"", "\"exitCode\" : 9");
        assertThat(json.err()).startsWith("libvfio: error: no free GPU slice");
    }

    @Test
    void aVmFilesEntriesArePlannedTogether()
            throws IOException
    {
        Path vm = Files.writeString(directory.resolve("vm.yaml"), """
                gpus:
                  - [ {gpuType: sriovdev}, {minVRam: 40000}, {maxVRam: 49152} ]
                  - [ {gpuType: sriovdev}, {minVRam: 40G}, {maxVRam: 48G} ]
                  - [ {gpuType: passthrough}, {bdf: '0000:3b:00.0'} ]
                """);
        CliRun run = CliRun.of("--root", SERVER, "plan", vm.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Request gpus[0] (sriovdev, 40000-49152 MiB): 1156 NVIDIA L40S-48Q on 0000:3b:00.0",
                "Request gpus[1] (sriovdev, 40960-49152 MiB): 1156 NVIDIA L40S-48Q on 0000:af:00.0",
                "Not planned: gpus[2] (passthrough, bdf 0000:3b:00.0): a whole GPU, not a slice");
    }

    @Test
    void spreadAvoidsTheBusierGpuAndPackFillsIt()
    {
        Path host = HostCopy.of("nvidia-vgpu17-server", directory.resolve("server"));
        FakeKernel.on(host).write("/sys/bus/pci/devices/0000:3b:00.4/nvidia/current_vgpu_type", "1148");

        CliRun spread = CliRun.of("--root", host.toString(), "plan", "--vram", "2G:2G");
        assertThat(spread.out()).contains("Request --vram 2048-2048 MiB: 1146 NVIDIA L40S-2B on 0000:af:00.0 (2048 MiB, NUMA node 1, 32 free before this)");
        // The busy GPU runs 1148, so by the homogeneous rule (sysfs-spec §5.3) its free VFs offer only 1148.
        assertThat(row(spread, "outranked 0000:3b:00.0 0 1148")).contains("NUMA node 0 has 63488 MiB free, node 1 1572864 MiB; spread takes the most free");

        CliRun pack = CliRun.of("--root", host.toString(), "plan", "--vram", "2G:2G", "--policy", "pack");
        assertThat(pack.out()).contains("Request --vram 2048-2048 MiB: 1148 NVIDIA L40S-2Q on 0000:3b:00.0 (2048 MiB, NUMA node 0, 31 free before this)");
    }

    @Test
    void aGpuThatRunsOneTypeRefusesTheOthersByTheHomogeneousRule()
    {
        Path host = HostCopy.of("nvidia-turing-desktop", directory.resolve("turing"));
        FakeKernel.on(host).write("/sys/class/mdev_bus/0000:01:00.0/mdev_supported_types/nvidia-1/create", "8e9b5c4a-1d5e-4a2b-9f3c-0d1e2f3a4b5c");

        CliRun taken = CliRun.of("--root", host.toString(), "plan", "--type", "nvidia-2");
        assertThat(taken.exitCode()).isEqualTo(9);
        assertThat(row(taken, "rejected 0000:01:00.0 - nvidia-2")).contains("homogeneous rule: the GPU already runs type nvidia-1, and runs one type at a time");
        assertThat(taken.err()).contains("no free GPU slice for --type nvidia-2; nearest: nvidia-2 GVM [NVS /10] on 0000:01:00.0 (1024 MiB, 0 free: homogeneous rule");

        CliRun same = CliRun.of("--root", host.toString(), "plan", "--vram", "1G:1G");
        assertThat(same.exitCode()).isZero();
        assertThat(same.out()).contains("Request --vram 1024-1024 MiB: nvidia-1 GVM [Geforce /10] on 0000:01:00.0 (1024 MiB, no NUMA node, 9 free before this)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plan                                 | 2 | plan: give exactly one of --vram MIN[:MAX], --type ID or a VM file",
            "plan --vram 2G --type 1148           | 2 | plan: give exactly one of",
            "plan --vram 4G:2G                    | 2 | --vram '4G:2G': the minimum 4096 MiB is above the maximum 2048 MiB",
            "plan --vram 2Q                       | 2 | --vram '2Q': '2Q' is not a size",
            "plan --type ../x                     | 2 | --type '../x' is not a vGPU type name",
            "plan --vram 2G --gpu 3b:00           | 2 | invalid PCI address '3b:00'",
            "plan --vram 2G --policy fair         | 2 | --policy 'fair': expected pack or spread"})
    void badInputIsAUsageErrorWithoutAStackTrace(String arguments, int exitCode, String message)
    {
        String[] words = arguments.trim().split(" +");
        String[] args = new String[words.length + 2];
        args[0] = "--root";
        args[1] = SERVER;
        System.arraycopy(words, 0, args, 2, words.length);
        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).isEqualTo(exitCode);
        assertThat(run.err()).startsWith("libvfio: error: ").contains(message).doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aGpuOptionThatIsNoShareableGpuSaysSo()
    {
        CliRun notAGpu = CliRun.of("--root", SERVER, "plan", "--vram", "2G", "--gpu", "0000:00:17.0");
        assertThat(notAGpu.exitCode()).isEqualTo(3);
        assertThat(notAGpu.err()).startsWith("libvfio: error: 0000:00:17.0 is not a GPU (class 0x010601); GPUs here: ");

        CliRun whole = CliRun.of("--root", "../examples/hosts/intel-gvtg-laptop", "plan", "--vram", "256M", "--gpu", "0000:01:00.0");
        assertThat(whole.exitCode()).isEqualTo(4);
        assertThat(whole.err()).startsWith("libvfio: error: 0000:01:00.0 (").contains("cannot be split into virtual GPUs");
    }

    @Test
    void aBadVmFileIsAConfigurationError()
            throws IOException
    {
        Path vm = Files.writeString(directory.resolve("vm.yaml"), "gpus:\n  - [ {gpuType: sysfsdev}, {parentPort: 'card0'} ]\n");
        CliRun run = CliRun.of("--root", SERVER, "plan", vm.toString());

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.err()).isEqualTo("libvfio: error: " + vm + ": gpus[0]: parentPort 'card0' is not a PCI address such as 0000:01:00.0\n");
    }
}
