package io.libvfio.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.libvfio.runtime.vm.config.NativeSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code libvfio config schema} and {@code libvfio config check FILE...}. */
final class ConfigCommandTest
{
    private static final String LIBVFIO_FILE = """
            %YAML 1.2
            %TAG !n! tag:nimyaml.org,2016:
            --- !n!custom:Config
            name: "LibVF.IO VM"
            cpus:
              cores: 4
              threads: 2
              ramAlloc: 4096
            container:
              kernel: windows.arc
              state: []
              initialSize: 20
              iso: !!null ~
            gpus:
              -
                - gpuType: sysfsdev
                - mdevType: "nvidia-63"
            commands:
              - arg: "-set"
                values: ["device.hostdev0.x-pci-device-id=0x1b30"]
            """;

    @TempDir
    Path directory;

    @Test
    void theSchemaIsPrintedFromTheOnePlaceTheLoaderUses()
    {
        CliRun run = CliRun.of("config", "schema");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(NativeSchema.render()).contains("libvfio: 1", "memory: 8192");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void checkReportsEveryProblemWithItsPositionAndExits8()
            throws IOException
    {
        Path good = Files.writeString(directory.resolve("good.yaml"), "libvfio: 1\ncpus: 2\n");
        Path bad = Files.writeString(directory.resolve("bad.yaml"), "libvfio: 1\nmemmory: 4096\nspice: 22\n");

        CliRun run = CliRun.of("config", "check", good.toString(), bad.toString());

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.out()).contains(
                good + ": ok: native file, VM good: 2 vCPUs, 8192 MiB, 0 disks, 0 GPUs\n",
                bad + ":2:1: memmory: unknown key; did you mean 'memory'?\n",
                bad + ":3:8: spice: 22 is out of range (1024 to 65535)\n",
                "1 of 2 files with problems.");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aLibvfioFileChecksWithWarningsAndConvertsToTheNativeFormat()
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("gvm.yaml"), LIBVFIO_FILE);

        CliRun check = CliRun.of("config", "check", file.toString());
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains(file + ":10:3: warning: container.kernel: disk image ", "windows.arc does not exist (an error at start)",
                file + ": ok: LibVF.IO file, VM gvm: 8 vCPUs, 4096 MiB, 1 disk, 1 GPU (sysfsdev)");

        CliRun converted = CliRun.of("config", "check", "--native", file.toString());
        assertThat(converted.exitCode()).isZero();
        assertThat(converted.out()).startsWith("# gvm: converted from gvm.yaml by libvfio\nlibvfio: 1\nname: gvm\nmemory: 4096\n")
                .contains("cpus: {sockets: 1, cores: 4, threads: 2}", "kind: mdev", "mdevType: nvidia-63",
                        "commands:\n  - [-set, device.hostdev0.x-pci-device-id=0x1b30]\n");
        assertThat(converted.err()).contains("does not exist (an error at start)");
        Path again = Files.writeString(directory.resolve("again.yaml"), converted.out());
        assertThat(CliRun.of("config", "check", again.toString()).out()).contains(again + ": ok: native file, VM gvm: 8 vCPUs, 4096 MiB, 1 disk, 1 GPU (sysfsdev)");
    }

    @Test
    void jsonIsOneDocumentWithEveryProblem()
            throws IOException
    {
        Path bad = Files.writeString(directory.resolve("bad.yaml"), "libvfio: 1\nmemory: 1\n");
        CliRun run = CliRun.of("config", "check", "--json", bad.toString(), directory.resolve("nope.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(8);
        try (JsonParser parser = new JsonFactory().createParser(run.out())) {
            assertThat(parser.nextToken()).isNotNull();
            parser.skipChildren();
            assertThat(parser.nextToken()).as("exactly one document").isNull();
        }
        assertThat(run.out()).startsWith("{\n  \"schemaVersion\" : 1,\n  \"ok\" : false,")
                .contains("\"line\" : 2,\n", "\"column\" : 9,\n", "\"key\" : \"memory\",",
                        "\"text\" : \"" + bad + ":2:9: memory: 1 is out of range (64 to 16777216 MiB)\"",
                        "nope.yaml: no such file\"");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void badActionsAndMissingFilesAreUsageErrors()
    {
        CliRun action = CliRun.of("config", "chek", "x.yaml");
        assertThat(action.exitCode()).isEqualTo(2);
        assertThat(action.err()).contains("config: unknown action 'chek' (schema or check); did you mean 'check'?");
        assertThat(CliRun.of("config", "check").err()).contains("config check: missing FILE...");
        assertThat(CliRun.of("config").err()).contains("config: missing ACTION");
        assertThat(CliRun.of("config", "schema", "x").exitCode()).isEqualTo(2);
    }
}
