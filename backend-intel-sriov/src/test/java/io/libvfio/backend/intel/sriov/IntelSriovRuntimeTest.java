package io.libvfio.backend.intel.sriov;

import io.libvfio.api.Mechanism;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The backend through the whole runtime: ServiceLoader, probe, discovery, verdicts. */
final class IntelSriovRuntimeTest
{
    @TempDir
    Path root;

    @Test
    void anIgpuInPfModeIsShareableThroughIntelSriov()
    {
        GpuReport report = SriovHosts.runtime(SriovHosts.alderLake(root)).gpus().get(0);

        assertThat(report.verdict()).isEqualTo(Verdict.SHAREABLE);
        assertThat(report.backend()).contains(IntelSriovBackendProvider.NAME);
        assertThat(report.mechanisms()).containsExactly(Mechanism.SRIOV_VF, Mechanism.PASSTHROUGH);
    }

    @Test
    void anIgpuWithoutSriovIsPassthroughOnlyWithTheReason()
    {
        GpuReport report = SriovHosts.runtime(SriovHosts.coffeeLake(root)).gpus().get(0);

        assertThat(report.verdict()).isEqualTo(Verdict.PASSTHROUGH_ONLY);
        assertThat(report.backend()).isEmpty();
        assertThat(report.reasons()).anySatisfy(reason -> assertThat(reason).startsWith("intel-sriov: this GPU has no SR-IOV capability"));
    }
}
