package io.libvfio.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.libvfio.testkit.FakeKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

import static io.libvfio.cli.VgpuHostsForCli.audio;
import static io.libvfio.cli.VgpuHostsForCli.gpu;
import static org.assertj.core.api.Assertions.assertThat;

final class VgpuCommandsTest
{
    @TempDir
    Path root;

    @Test
    void createListHintAndDestroyAWholeGpu()
            throws IOException
    {
        FakeKernel kernel = FakeKernel.on(VgpuHostsForCli.geforces(root, 2, false));
        SortedMap<String, String> before = host(kernel);
        FakeKernelCli cli = new FakeKernelCli(kernel);

        CliRun types = cli.run("--root", root.toString(), "types", gpu(0).toString());
        assertThat(types.exitCode()).as(types.err()).isZero();
        assertThat(types.out()).contains("passthrough", "whole GPU (2 functions of IOMMU group 10)", "1/1");

        CliRun created = cli.run("--root", root.toString(), "create", "--gpu", gpu(0).toString(), "--type", "passthrough");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created vGPU " + gpu(0), gpu(0) + " bound to vfio-pci (was nvidia; /dev/vfio/10)",
                audio(0) + " bound to vfio-pci (was snd_hda_intel; /dev/vfio/10)");
        assertThat(kernel.linkName("/sys/bus/pci/devices/" + audio(0) + "/driver")).contains("vfio-pci");

        CliRun listed = cli.run("--root", root.toString(), "vgpus", "--json");
        assertThat(listed.exitCode()).isZero();
        assertOneDocument(listed.out());
        assertThat(listed.out()).contains("\"schemaVersion\" : 1", "\"id\" : \"" + gpu(0) + "\"", "\"state\" : \"managed\"", "\"originalDriver\" : \"snd_hda_intel\"");

        CliRun hint = cli.run("--root", root.toString(), "hint", gpu(1).toString());
        assertThat(hint.exitCode()).isZero();
        assertThat(hint.out()).contains("NUMA node:      0", "CPUs to pin:    0-7", "IOMMU group:    11", "Hugepages from: node 0 (2048 MiB free)");

        CliRun destroyed = cli.run("--root", root.toString(), "destroy", gpu(0).toString());
        assertThat(destroyed.exitCode()).as(destroyed.err()).isZero();
        assertThat(destroyed.out()).contains("Destroyed vGPU " + gpu(0), audio(0) + " back on snd_hda_intel");
        assertThat(host(kernel)).isEqualTo(before);
        assertThat(cli.run("--root", root.toString(), "vgpus").out()).contains("No vGPUs on this host");
    }

    @Test
    void aDryRunPrintsTheWritesInOrderAndMakesNone()
            throws IOException
    {
        FakeKernel kernel = FakeKernel.on(VgpuHostsForCli.geforces(root, 1, false));
        SortedMap<String, String> before = kernel.snapshot();
        FakeKernelCli cli = new FakeKernelCli(kernel);

        CliRun text = cli.run("--root", root.toString(), "create", "--gpu", gpu(0).toString(), "--type", "passthrough", "--dry-run");
        CliRun json = cli.run("--root", root.toString(), "create", "--gpu", gpu(0).toString(), "--type", "passthrough", "--dry-run", "--json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        String device = "/sys/bus/pci/devices/" + gpu(0);
        assertThat(text.out()).containsSubsequence("Writes, in order:", device + "/driver_override <- 'vfio-pci'",
                "/sys/bus/pci/devices/" + audio(0) + "/driver_override <- 'vfio-pci'", "/sys/bus/pci/drivers/nvidia/unbind <- '" + gpu(0) + "'",
                "/sys/bus/pci/drivers_probe <- '" + gpu(0) + "'", "/sys/bus/pci/drivers/snd_hda_intel/unbind <- '" + audio(0) + "'");
        assertOneDocument(json.out());
        assertThat(json.out()).contains("\"dryRun\" : true", "\"path\" : \"" + device + "/driver_override\"");
        assertThat(kernel.writes()).isEmpty();
        assertThat(kernel.snapshot()).isEqualTo(before);
    }

    @Test
    void badInputIsOneLineWithItsExitCodeAndWritesNothing()
    {
        FakeKernel kernel = FakeKernel.on(VgpuHostsForCli.geforces(root, 1, true));
        FakeKernelCli cli = new FakeKernelCli(kernel);
        String r = root.toString();

        assertError(cli.run("--root", r, "create", "--gpu", gpu(0).toString(), "--type", "nvidia-999"), 3, "GPU " + gpu(0) + " has no vGPU type 'nvidia-999'");
        assertError(cli.run("--root", r, "create", "--gpu", audio(0).toString(), "--type", "passthrough"), 3, audio(0) + " is not a GPU");
        assertError(cli.run("--root", r, "create", "--gpu", "0000:zz:00.0", "--type", "passthrough"), 2, "invalid PCI address '0000:zz:00.0'");
        assertError(cli.run("--root", r, "create", "--gpu", gpu(0).toString(), "--type", "passthrough", "--uuid", "not-a-uuid"), 2, "malformed UUID 'not-a-uuid'");
        assertError(cli.run("--root", r, "create", "--gpu", gpu(0).toString()), 2, "--type ID is required");
        assertError(cli.run("--root", r, "create", "--gpu", gpu(0).toString(), "--type", "passthrough"), 7, "boot VGA", "--force");
        assertError(cli.run("--root", r, "destroy", "5a1d1bc4-8c35-4f0a-9c1e-3b2f6a7d9e01"), 3, "no vGPU '5a1d1bc4-8c35-4f0a-9c1e-3b2f6a7d9e01'");
        assertError(cli.run("--root", r, "destroy", "../etc"), 2, "malformed vGPU id '../etc'");
        assertThat(kernel.writes()).isEmpty();

        CliRun forced = cli.run("--root", r, "create", "--gpu", gpu(0).toString(), "--type", "passthrough", "--force", "--json");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertError(cli.run("--root", r, "create", "--gpu", gpu(0).toString(), "--type", "passthrough", "--force"), 9, "no free instance of type 'passthrough'");
    }

    private static void assertError(CliRun run, int exitCode, String... message)
    {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        assertThat(run.err()).startsWith("libvfio: error: ").contains(message).doesNotContain("\tat ");
        assertThat(run.err().lines().filter(line -> line.startsWith("libvfio: error: ")).count()).isEqualTo(1);
    }

    /** The host's tree without libvfio's own run directory (lock and records live under the root on a simulated host). */
    private static SortedMap<String, String> host(FakeKernel kernel)
    {
        SortedMap<String, String> snapshot = new TreeMap<>(kernel.snapshot());
        snapshot.keySet().removeIf(path -> path.equals("run") || path.startsWith("run/"));
        return snapshot;
    }

    private static void assertOneDocument(String text)
            throws IOException
    {
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            assertThat(parser.nextToken()).isNotNull();
            parser.skipChildren();
            assertThat(parser.nextToken()).isNull();
        }
    }
}
