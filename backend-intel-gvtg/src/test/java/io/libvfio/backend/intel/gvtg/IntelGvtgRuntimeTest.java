package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.Mechanism;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.Verdict;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The backend through the whole runtime: ServiceLoader, probe, discovery, verdicts. */
final class IntelGvtgRuntimeTest
{
    @TempDir
    Path root;

    @Test
    void aGvtIgpuIsShareableThroughIntelGvtg()
    {
        GpuReport report = IntelHosts.runtime(IntelHosts.gvtOn(root)).gpus().get(0);

        assertThat(report.verdict()).isEqualTo(Verdict.SHAREABLE);
        assertThat(report.backend()).contains(IntelGvtgBackendProvider.NAME);
        assertThat(report.mechanisms()).containsExactly(Mechanism.MDEV, Mechanism.PASSTHROUGH);
    }

    @Test
    void anIgpuWithGvtOffIsPassthroughOnlyWithTheReason()
    {
        SimulatedHost host = IntelHosts.coffeeLake(root, 0x3e92);
        IntelHosts.modules(host, "N", false);

        GpuReport report = IntelHosts.runtime(host).gpus().get(0);

        assertThat(report.verdict()).isEqualTo(Verdict.PASSTHROUGH_ONLY);
        assertThat(report.backend()).isEmpty();
        assertThat(report.reasons()).contains("intel-gvtg: GVT-g is off: boot with i915.enable_gvt=1 and load kvmgt");
    }
}
