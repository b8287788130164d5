package io.libvfio.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI on every bundled simulated host: what a user sees, through the whole stack. */
final class ExampleHostsCliTest
{
    private static final Path HOSTS = Path.of("../examples/hosts");

    private static String root(String host)
    {
        return HOSTS.resolve(host).toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "nvidia-turing-desktop  | 0000:01:00.0 | nvidia-gvm  | shareable            | mdev",
            "nvidia-vgpu17-server   | 0000:3b:00.0 | nvidia-gvm  | shareable            | vendor-vfio",
            "nvidia-vgpu17-server   | 0000:af:00.0 | nvidia-gvm  | shareable            | vendor-vfio",
            "intel-gvtg-laptop      | 0000:00:02.0 | intel-gvtg  | shareable            | mdev",
            "intel-gvtg-laptop      | 0000:01:00.0 | -           | passthrough only     | passthrough",
            "intel-flex-sriov       | 0000:3b:00.0 | intel-sriov | shareable            | sriov-vf",
            "intel-flex-sriov       | 0000:5e:00.0 | intel-sriov | shareable            | sriov-vf",
            "amd-s7150-gim          | 0000:03:00.0 | amd-gim     | shareable            | sriov-vf",
            "amd-v710-gim           | 0000:02:00.0 | amd-gim     | shareable            | sriov-vf",
            "iommu-off              | 0000:01:00.0 | -           | not available to VMs | -",
            "cloud-h100-passthrough | 0000:00:06.0 | -           | not available to VMs | -"})
    void gpusShowsWhoServesEachGpuAndHow(String host, String gpu, String backend, String verdict, String mechanism)
    {
        CliRun run = CliRun.of("--root", root(host), "gpus");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        String row = run.out().lines().filter(line -> line.startsWith(gpu)).findFirst().orElseThrow();
        assertThat(row).contains("  " + backend + "  ").contains(verdict);
        if (!mechanism.equals("-")) {
            assertThat(row).contains(mechanism);
        }
    }

    @Test
    void unshareableGpusSayWhyInPlainWords()
    {
        assertThat(CliRun.of("--root", root("iommu-off"), "gpus").out())
                .contains("consumer NVIDIA GPU without the vGPU host driver")
                .contains("IOMMU is off: no IOMMU groups; add intel_iommu=on (Intel) or amd_iommu=on (AMD)");
        assertThat(CliRun.of("--root", root("intel-gvtg-laptop"), "gpus").out())
                .contains("it is the boot VGA (the host's console); passing it through needs --force");
    }

    @Test
    void gpusJsonIsOneDocumentWithEveryGpu()
    {
        CliRun run = CliRun.of("--root", root("nvidia-vgpu17-server"), "gpus", "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("{\n  \"schemaVersion\" : 1,")
                .contains("\"address\" : \"0000:3b:00.0\"", "\"address\" : \"0000:af:00.0\"", "\"numaNode\" : 1", "\"localCpus\" : \"32-63\"",
                        "\"totalVfs\" : 32", "\"backend\" : \"nvidia-gvm\"", "\"verdict\" : \"shareable\"", "\"mechanisms\" : [ \"vendor-vfio\", \"passthrough\" ]");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void typesListsSizesAndFreeInstances()
    {
        CliRun run = CliRun.of("--root", root("nvidia-turing-desktop"), "types", "0000:01:00.0");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("0000:01:00.0 +nvidia-1 +GVM \\[Geforce /10\\] +mdev +1024 MiB +4 +3840x2160 +10/10");
        CliRun gvtg = CliRun.of("--root", root("intel-gvtg-laptop"), "types", "--json");
        assertThat(gvtg.out()).contains("\"id\" : \"i915-GVTg_V5_4\"", "\"framebufferMib\" : 640", "\"maxResolution\" : \"1920x1200\"");
    }

    @Test
    void typesOfAGpuThatCannotBeSplitSaysWhy()
    {
        CliRun run = CliRun.of("--root", root("iommu-off"), "types", "0000:01:00.0");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).startsWith("libvfio: error: 0000:01:00.0 (GA102 [GeForce RTX 3080]) cannot be split into virtual GPUs: ")
                .contains("IOMMU is off");
    }

    @Test
    void typesOfSomethingThatIsNotAGpuIsNamed()
    {
        CliRun missing = CliRun.of("--root", root("nvidia-turing-desktop"), "types", "0000:42:00.0");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("no PCI device 0000:42:00.0 on this host");
        CliRun audio = CliRun.of("--root", root("nvidia-turing-desktop"), "types", "0000:01:00.1");
        assertThat(audio.exitCode()).isEqualTo(3);
        assertThat(audio.err()).contains("0000:01:00.1 is not a GPU (class 0x040300); GPUs here: 0000:01:00.0");
    }

    @Test
    void backendsSayWhichServesAndWhyTheOthersDeclined()
    {
        CliRun run = CliRun.of("--root", root("amd-s7150-gim"), "backends");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .containsPattern("amd-gim +100 +active")
                .containsPattern("nvidia-gvm +100 +declined +no NVIDIA GPU on this host")
                .containsPattern("intel-sriov +90 +declined +no Intel GPU on this host")
                .containsPattern("intel-gvtg +80 +declined +no Intel GPU on this host")
                .containsPattern("0000:03:00.0 .*S7150.*: serves \\(sriov-vf\\)");
    }

    @Test
    void backendSelectionLimitsWhoMayServe()
    {
        CliRun run = CliRun.of("--root", root("intel-gvtg-laptop"), "--backend", "intel-sriov", "gpus");
        assertThat(run.exitCode()).isZero();
        String row = run.out().lines().filter(line -> line.startsWith("0000:00:02.0")).findFirst().orElseThrow();
        assertThat(row).contains("passthrough only");
        assertThat(CliRun.of("--root", root("intel-gvtg-laptop"), "--backend", "intel-sriov", "backends").out().lines()
                .filter(line -> !line.startsWith(" ")).toList())
                .containsExactly("BACKEND      PRIORITY  STATUS  DETAIL", "intel-sriov  90        active  1 Intel GPU: 1 not shareable by SR-IOV");
    }
}
