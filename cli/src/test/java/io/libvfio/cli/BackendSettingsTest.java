package io.libvfio.cli;

import io.libvfio.api.ErrorCategory;
import io.libvfio.testkit.FakeKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --set backend.NAME.KEY=VALUE}: settings reach the backend; malformed ones are usage errors before anything runs. */
final class BackendSettingsTest
{
    private static final String VF1 = "/sys/bus/pci/devices/0000:3b:00.0/drm/card1/prelim_iov/vf1/gt0/";

    @TempDir
    Path directory;

    @Test
    void aSettingProvisionsTheVfInsteadOfTheDefault()
    {
        FakeKernel kernel = FakeKernel.on(HostCopy.of("intel-flex-sriov", directory.resolve("flex")));
        FakeKernelCli cli = new FakeKernelCli(kernel);
        String root = kernel.root().toString();

        CliRun run = cli.run("--root", root, "create", "--gpu", "0000:3b:00.0", "--type", "vfs-4",
                "--set", "backend.intel-sriov.vf-lmem-mib=1024,backend.intel-sriov.vf-exec-quantum-ms=5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(kernel.readRequired(VF1 + "lmem_quota")).isEqualTo(Long.toString(1024L << 20));
        assertThat(kernel.readRequired(VF1 + "exec_quantum_ms")).isEqualTo("5");
    }

    @Test
    void withoutASettingTheBackendsDefaultHolds()
    {
        FakeKernel kernel = FakeKernel.on(HostCopy.of("intel-flex-sriov", directory.resolve("flex")));
        CliRun run = new FakeKernelCli(kernel).run("--root", kernel.root().toString(), "create", "--gpu", "0000:3b:00.0", "--type", "vfs-4");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(kernel.readRequired(VF1 + "exec_quantum_ms")).isEqualTo("16");
    }

    @Test
    void malformedSettingsAreUsageErrorsNamingTheSetting()
    {
        Path root = HostCopy.of("intel-flex-sriov", directory.resolve("bad"));
        for (List<String> bad : List.of(
                List.of("backend.intel-sriov.vf-lmem-mib", "not KEY=VALUE"),
                List.of("intel-sriov.vf-lmem-mib=1", "the key must be backend.NAME.KEY"),
                List.of("backend.intel-sriov.VF=1", "the key must be backend.NAME.KEY"),
                List.of("backend.intel-sriov.vf-contexts=", "the value must be 1 to 256 printable characters"),
                List.of("backend.intel-sriov.vf-contexts=1,backend.intel-sriov.vf-contexts=2", "backend.intel-sriov.vf-contexts is set twice"))) {
            CliRun run = CliRun.of("--root", root.toString(), "gpus", "--set", bad.get(0));
            assertThat(run.exitCode()).as(bad.get(0)).isEqualTo(ErrorCategory.USAGE.exitCode());
            assertThat(run.err()).as(bad.get(0)).startsWith("libvfio: error: --set '").contains(bad.get(1));
        }
    }

    @Test
    void aBackendNobodyHasIsAnErrorListingTheKnownOnes()
    {
        CliRun run = CliRun.of("--root", HostCopy.of("intel-flex-sriov", directory.resolve("flex")).toString(), "gpus",
                "--set", "backend.intel-srio.vf-contexts=8");
        assertThat(run.exitCode()).isEqualTo(ErrorCategory.USAGE.exitCode());
        assertThat(run.err()).contains("unknown backend 'intel-srio'", "intel-sriov");
    }
}
