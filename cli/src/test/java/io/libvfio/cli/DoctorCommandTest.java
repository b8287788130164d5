package io.libvfio.cli;

import io.libvfio.api.ErrorCategory;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.RuntimeAssembly;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.testkit.RefusingHostFs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code libvfio doctor} on the example hosts, with and without a LibVF.IO VM file. */
final class DoctorCommandTest
{
    private static final String NIM_HEADER = "%YAML 1.2\n%TAG !n! tag:nimyaml.org,2016:\n--- !n!custom:Config\nname: \"LibVF.IO VM\"\nshareddir: !!null ~\n";

    @TempDir
    Path scratch;

    private static String root(String host)
    {
        return HostCopy.HOSTS.resolve(host).toString();
    }

    private Path vmFile(String name, String gpus)
            throws IOException
    {
        return Files.writeString(scratch.resolve(name), NIM_HEADER + "gpus:\n" + gpus + "nics: []\nroot: ~/.local/libvf.io\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "intel-gvtg-laptop      | 0 | gpu.0000:00:02.0 | PASS | mdev with these types: i915-GVTg_V5_8 (448 MiB, 2 free), i915-GVTg_V5_4 (640 MiB, 1 free) (backend intel-gvtg)",
            "intel-gvtg-laptop      | 0 | gpu.0000:01:00.0 | WARN | passthrough only: consumer NVIDIA without vGPU driver",
            "intel-flex-sriov       | 0 | gpu.0000:3b:00.0 | PASS | SR-IOV, 0 of 31 VFs enabled: vfs-1 Data Center GPU Flex 170 1/1 (16000 MiB, 1 free)",
            "nvidia-vgpu17-server   | 0 | gpu.0000:3b:00.0 | PASS | vendor VFIO on VFs, 32 of 32 VFs enabled: 1145 NVIDIA L40S-1B (1024 MiB, 32 free)",
            "nvidia-turing-desktop  | 0 | gpu.0000:01:00.0 | PASS | mdev with these types: nvidia-1 GVM [Geforce /10] (1024 MiB, 10 free)",
            "amd-s7150-gim          | 0 | gpu.0000:03:00.0 | PASS | SR-IOV, 4 of 16 VFs enabled: S7150-1984M (1984 MiB, 4 free) (backend amd-gim)",
            "amd-v710-gim           | 0 | gpu.0000:02:00.0 | PASS | SR-IOV, 4 of 16 VFs enabled: V710-7168M (7168 MiB, 4 free) (backend amd-gim)",
            "iommu-off              | 9 | gpu.0000:01:00.0 | FAIL | cannot be shared: IOMMU off (consumer NVIDIA without vGPU driver)",
            "cloud-h100-passthrough | 9 | gpu.0000:00:06.0 | FAIL | not virtualizable: no IOMMU in this VM"})
    void eachGpuGetsAVerdictInPlainWordsAndTheExitCodeSaysWhetherASliceIsFree(String host, int exitCode, String id, String status, String reason)
    {
        CliRun run = CliRun.of("--root", root(host), "doctor");

        assertThat(run.exitCode()).isEqualTo(exitCode);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("libvfio doctor: host ").containsPattern("(?m)^" + status + " +GPU " + id.substring(4) + " .*  " + java.util.regex.Pattern.quote(reason));
        assertThat(run.out()).contains(exitCode == 0 ? "Ready: the host has a free GPU slice." : "Not ready (exit code 9): no free GPU slice");
    }

    @Test
    void gvtgIsRequiredOnlyWhereThereIsAGvtgIgpu()
    {
        assertThat(CliRun.of("--root", root("intel-gvtg-laptop"), "doctor").out())
                .containsPattern("PASS +i915.enable_gvt=1 for GVT-g on 0000:00:02.0 +GVT-g is on \\(i915.enable_gvt=Y\\)")
                .containsPattern("PASS +Module kvmgt +loaded");
        for (String host : List.of("intel-flex-sriov", "nvidia-turing-desktop", "iommu-off")) {
            assertThat(CliRun.of("--root", root(host), "doctor").out()).as(host).doesNotContain("i915.enable_gvt").contains("only Intel GVT-g uses it");
        }
    }

    @Test
    void jsonIsOneDocumentWithEveryFinding()
    {
        CliRun run = CliRun.of("--root", root("cloud-h100-passthrough"), "doctor", "--json");

        assertThat(run.exitCode()).isEqualTo(9);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("{\n  \"schemaVersion\" : 1,\n  \"root\" : ")
                .contains("\"config\" : null", "\"ready\" : false", "\"exitCode\" : 9",
                        "\"id\" : \"cpu.virtualization\"", "\"status\" : \"fail\"", "\"reason\" : \"no vmx or svm flag: this is a VM without nested virtualization\"",
                        "\"id\" : \"gpu.0000:00:06.0\"", "\"reason\" : \"not virtualizable: no IOMMU in this VM\"",
                        "\"id\" : \"slices\"", "\"fix\" : null")
                .containsOnlyOnce("\"schemaVersion\"")
                .endsWith("}\n");
        CliRun ready = CliRun.of("--root", root("nvidia-vgpu17-server"), "doctor", "--json");
        assertThat(ready.exitCode()).isZero();
        assertThat(ready.out()).contains("\"ready\" : true", "\"exitCode\" : 0", "\"pass\" : ");
    }

    @Test
    void aVmFileWhoseGpuFitsExitsZero()
            throws IOException
    {
        Path vm = vmFile("intel.yaml", "  -\n    -\n      gpuType: sysfsdev\n    -\n      mdevType: \"i915-GVTg_V5_4\"\n    -\n      devId: hostdev0\n");

        CliRun run = CliRun.of("--root", root("intel-gvtg-laptop"), "doctor", vm.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(", VM file " + vm)
                .containsPattern("PASS +VM gpus\\[0\\] \\(sysfsdev, mdevType i915-GVTg_V5_4\\) +mdev type i915-GVTg_V5_4 on 0000:00:02.0 \\(640 MiB; 0 left after this VM\\)")
                .contains("Ready: the host can give " + vm + " its GPU.")
                .doesNotContain("Free GPU slices");
    }

    @Test
    void aVmFileAskingForABroadwellTypeOnACoffeeLakeHostExitsNine()
            throws IOException
    {
        Path vm = vmFile("intel.yaml", "  -\n    -\n      maxVRam: 9000\n    -\n      minVRam: 8000\n    -\n      gpuType: sysfsdev\n    -\n      mdevType: \"i915-GVTg_V4_1\"\n");

        CliRun run = CliRun.of("--root", root("intel-gvtg-laptop"), "doctor", vm.toString(), "--json");

        assertThat(run.exitCode()).isEqualTo(ErrorCategory.NO_CAPACITY.exitCode());
        assertThat(run.out()).contains("\"config\" : \"" + vm + "\"", "\"ready\" : false",
                "no free GPU slice; nearest: i915-GVTg_V5_4 on 0000:00:02.0 (640 MiB, 1 free: wrong type: not i915-GVTg_V4_1), "
                        + "i915-GVTg_V5_8 on 0000:00:02.0 (448 MiB, 2 free: wrong type: not i915-GVTg_V4_1)");
    }

    @Test
    void anS7150VmFitsTheS7150Host()
            throws IOException
    {
        Path vm = vmFile("amd.yaml", "  -\n    -\n      gpuType: sriovdev\n    -\n      acceptableTypes: [S7150]\n    -\n      maxVRam: 8192\n    -\n      minVRam: 0\n");

        assertThat(CliRun.of("--root", root("amd-s7150-gim"), "doctor", vm.toString()).exitCode()).isZero();
        assertThat(CliRun.of("--root", root("amd-v710-gim"), "doctor", vm.toString()).exitCode()).isEqualTo(9);
    }

    @Test
    void aVmWithoutGpusIsReadyEvenWithoutAnIommu()
            throws IOException
    {
        Path vm = Files.writeString(scratch.resolve("hello.yaml"), NIM_HEADER + "gpus: []\nnics: []\n");
        CliRun run = CliRun.of("--root", root("iommu-off"), "doctor", vm.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Ready: " + vm + " asks for no GPU.");
    }

    @Test
    void aBadOrMissingVmFileIsAConfigurationError()
            throws IOException
    {
        Path bad = Files.writeString(scratch.resolve("bad.yaml"), NIM_HEADER + "gpus: [ [ {gpuType: usb} ] ]\n");
        CliRun run = CliRun.of("--root", root("intel-gvtg-laptop"), "doctor", bad.toString());
        assertThat(run.exitCode()).isEqualTo(ErrorCategory.CONFIG.exitCode());
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("libvfio: error: " + bad + ": gpus[0]: gpuType 'usb' is not sriovdev, sysfsdev or passthrough\n");

        CliRun missing = CliRun.of("--root", root("intel-gvtg-laptop"), "doctor", scratch.resolve("nope.yaml").toString(), "--json");
        assertThat(missing.exitCode()).isEqualTo(8);
        assertThat(missing.out()).contains("\"code\" : \"INVALID_CONFIG\"", "nope.yaml: no such file");
    }

    @Test
    void aHostWithoutProcCmdlineGetsAnUnknownAndTheRest()
            throws IOException
    {
        Path host = HostCopy.of("intel-gvtg-laptop", scratch.resolve("host"));
        Files.delete(host.resolve("proc/cmdline"));

        CliRun run = CliRun.of("--root", host.toString(), "doctor");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("UNKNOWN +IOMMU on the kernel command line +no /proc/cmdline under the root: cannot tell how the kernel was booted")
                .containsPattern("PASS +IOMMU active +8 IOMMU groups")
                .containsPattern("1\\d pass, \\d warn, \\d fail, 2 unknown\\.");
    }

    @Test
    void anUnreadableSysfsDirectoryIsUnknownNotACrash()
    {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli cli = new Cli(options -> new RuntimeAssembly(options)
        {
            @Override
            protected HostFs createHostFs(HostPaths paths)
            {
                return denying(super.createHostFs(paths), "/sys/kernel/iommu_groups");
            }
        });

        int exitCode = cli.execute(new String[] {"--root", root("intel-gvtg-laptop"), "doctor"}, new PrintWriter(out), new PrintWriter(err));

        assertThat(out.toString()).containsPattern("UNKNOWN +IOMMU active +cannot list /sys/kernel/iommu_groups: permission denied")
                .containsPattern("UNKNOWN +IOMMU on the kernel command line +cannot list /sys/kernel/iommu_groups: permission denied")
                .containsPattern("PASS +GPU 0000:00:02.0 .* +mdev with these types")
                .contains("Ready: the host has a free GPU slice.");
        assertThat(err.toString()).isEmpty();
        assertThat(exitCode).isZero();
    }

    @Test
    void helpExplainsTheExitCode()
    {
        assertThat(CliRun.of("doctor", "--help").out()).contains("Usage: libvfio doctor", "VM.yaml", "Exit code 0 when", "9 when not");
    }

    /** Fails every access under a prefix, as a directory the user may not read does. */
    private static HostFs denying(HostFs fs, String prefix)
    {
        return new RefusingHostFs(fs, prefix, new VfioException(StandardErrorCode.ACCESS_DENIED, "cannot list %s: permission denied".formatted(prefix)));
    }
}
