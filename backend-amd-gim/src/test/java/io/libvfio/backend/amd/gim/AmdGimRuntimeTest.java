package io.libvfio.backend.amd.gim;

import io.libvfio.api.Mechanism;
import io.libvfio.api.VgpuType;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.Verdict;
import io.libvfio.runtime.VfioRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The backend through the whole runtime: ServiceLoader, probe, discovery, verdicts. */
final class AmdGimRuntimeTest
{
    @TempDir
    Path root;

    @Test
    void anS7150IsShareableThroughAmdGim()
    {
        VfioRuntime runtime = AmdHosts.runtime(AmdHosts.s7150(root));

        GpuReport report = runtime.gpus().get(0);

        assertThat(report.verdict()).isEqualTo(Verdict.SHAREABLE);
        assertThat(report.backend()).contains(AmdGimBackendProvider.NAME);
        assertThat(report.mechanisms()).containsExactly(Mechanism.SRIOV_VF, Mechanism.PASSTHROUGH);
        assertThat(runtime.types(Optional.empty())).extracting(VgpuType::name).containsExactly("S7150");
    }

    @Test
    void anRx580IsPassthroughOnlyWithTheReason()
    {
        GpuReport report = AmdHosts.runtime(AmdHosts.rx580(root)).gpus().get(0);

        assertThat(report.verdict()).isEqualTo(Verdict.PASSTHROUGH_ONLY);
        assertThat(report.backend()).isEmpty();
        assertThat(report.reasons()).anySatisfy(reason -> assertThat(reason).startsWith("amd-gim: AMD GPU without the GIM SR-IOV driver"));
    }
}
