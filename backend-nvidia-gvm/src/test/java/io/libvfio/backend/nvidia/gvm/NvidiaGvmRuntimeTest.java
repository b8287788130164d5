package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.Mechanism;
import io.libvfio.api.VgpuType;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.Verdict;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The backend through the whole runtime: ServiceLoader, probe, discovery, verdicts. */
final class NvidiaGvmRuntimeTest
{
    @TempDir
    Path root;

    @Test
    void aGridGpuIsShareableThroughNvidiaGvm()
    {
        VfioRuntime runtime = NvidiaHosts.runtime(NvidiaHosts.rtx6000(root));

        List<GpuReport> reports = runtime.gpus();

        assertThat(reports).hasSize(1);
        GpuReport report = reports.get(0);
        assertThat(report.verdict()).isEqualTo(Verdict.SHAREABLE);
        assertThat(report.backend()).contains(NvidiaGvmBackendProvider.NAME);
        assertThat(report.mechanisms()).containsExactly(Mechanism.MDEV, Mechanism.PASSTHROUGH);
        assertThat(runtime.types(Optional.of(NvidiaHosts.RTX6000))).extracting(VgpuType::id).containsExactly("nvidia-256", "nvidia-257");
    }

    @Test
    void aConsumerGpuIsPassthroughOnlyWithTheBackendsReason()
    {
        SimulatedHost host = NvidiaHosts.gtx1080(root);
        VfioRuntime runtime = NvidiaHosts.runtime(host);

        GpuReport report = runtime.gpus().get(0);

        assertThat(report.verdict()).isEqualTo(Verdict.PASSTHROUGH_ONLY);
        assertThat(report.backend()).isEmpty();
        assertThat(report.reasons()).anySatisfy(reason -> assertThat(reason).startsWith("nvidia-gvm: consumer NVIDIA GPU"));
        assertThat(runtime.backends()).filteredOn(status -> status.name().equals("nvidia-gvm")).singleElement().satisfies(status -> assertThat(status.probe().reason())
                .isEqualTo("1 NVIDIA GPU: 1 not shareable"));
    }
}
