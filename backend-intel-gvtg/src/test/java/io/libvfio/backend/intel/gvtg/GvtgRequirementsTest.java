package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.spi.HostRequirement;
import io.libvfio.api.spi.SupportEntry;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** What a GVT-g host needs, as doctor reports it and setup writes it. */
final class GvtgRequirementsTest
{
    @TempDir
    Path root;

    @Test
    void aGvtgHostWithGvtOnMeetsEveryRequirement()
    {
        List<HostRequirement> requirements = IntelHosts.backend(IntelHosts.gvtOn(root)).hostRequirements();

        assertThat(requirements).extracting(HostRequirement::kind, HostRequirement::value, HostRequirement::met).containsExactly(
                tuple(HostRequirement.Kind.KERNEL_PARAMETER, "i915.enable_gvt=1", true),
                tuple(HostRequirement.Kind.LOAD_MODULE, "kvmgt", true));
        assertThat(requirements.get(0).devices()).containsExactly(IntelHosts.IGPU);
        assertThat(requirements.get(0).state()).isEqualTo("GVT-g is on (i915.enable_gvt=Y)");
        assertThat(requirements.get(0).purpose()).isEqualTo("GVT-g on 0000:00:02.0");
    }

    @Test
    void gvtOffKvmgtMissingAndGucSubmissionAreUnmet()
    {
        SimulatedHost host = IntelHosts.coffeeLake(root, 0x3e92);
        IntelHosts.modules(host, "N", false);
        host.writeAttribute("sys/module/i915/parameters/enable_guc", "3");

        List<HostRequirement> requirements = IntelHosts.backend(host).hostRequirements();

        assertThat(requirements).extracting(HostRequirement::value).containsExactly("i915.enable_gvt=1", "kvmgt", "i915.enable_guc=0");
        assertThat(requirements).noneMatch(HostRequirement::met);
        assertThat(requirements.get(0).state()).isEqualTo("GVT-g is off (i915.enable_gvt=N)");
        assertThat(requirements.get(1).state()).contains("kvmgt is not loaded");
        assertThat(requirements.get(2).state()).contains("GuC submission is on (i915.enable_guc=3)");
    }

    @Test
    void anIgpuWithoutGvtgNeedsNothingFromThisBackend()
    {
        SimulatedHost alderLake = IntelHosts.coffeeLake(root, 0x4680);
        IntelHosts.modules(alderLake, "N", false);

        assertThat(IntelHosts.backend(alderLake).hostRequirements()).isEmpty();
    }

    @Test
    void theSupportMatrixDeclaresGvtgOnGen8ToGen9()
    {
        List<SupportEntry> support = new IntelGvtgBackendProvider().support();

        assertThat(support).singleElement().satisfies(entry -> {
            assertThat(entry.hardware()).contains("Broadwell to Comet Lake");
            assertThat(entry.requirements()).contains("`i915.enable_gvt=1`", "`kvmgt`");
        });
    }
}
