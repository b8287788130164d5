package io.libvfio.backend.amd.gim;

import io.libvfio.api.spi.HostRequirement;
import io.libvfio.api.spi.SupportEntry;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GIM and amdgpu as host requirements of MxGPU cards. */
final class GimRequirementsTest
{
    @TempDir
    Path root;

    @Test
    void anS7150OnGimMeetsBoth()
    {
        List<HostRequirement> requirements = AmdHosts.backend(AmdHosts.s7150(root)).hostRequirements();

        assertThat(requirements).extracting(HostRequirement::kind).containsExactly(HostRequirement.Kind.DRIVER, HostRequirement.Kind.BLACKLIST_MODULE);
        assertThat(requirements).allMatch(HostRequirement::met);
        assertThat(requirements.get(0).state()).isEqualTo("gim drives 0000:03:00.0");
        assertThat(requirements.get(1).value()).isEqualTo("amdgpu");
        assertThat(requirements.get(1).devices()).containsExactly(AmdHosts.S7150);
    }

    @Test
    void anMxgpuCardHeldByAmdgpuNeedsGimAndTheBlacklist()
    {
        SimulatedHost host = AmdHosts.empty(root);
        host.add(SimulatedHost.function("0000:03:00.0").ids(0x1002, 0x6929).classCode(0x038000).driver("amdgpu").iommuGroup(10));

        List<HostRequirement> requirements = AmdHosts.backend(host).hostRequirements();

        assertThat(requirements).noneMatch(HostRequirement::met);
        assertThat(requirements.get(0).state()).isEqualTo("not on gim: 0000:03:00.0 (amdgpu)");
        assertThat(requirements.get(1).state()).isEqualTo("amdgpu holds 0000:03:00.0, so GIM cannot take it");
    }

    @Test
    void aConsumerRadeonNeedsNothingFromGim()
    {
        assertThat(AmdHosts.backend(AmdHosts.rx580(root)).hostRequirements()).isEmpty();
    }

    @Test
    void theSupportMatrixDeclaresBothGimGenerations()
    {
        assertThat(new AmdGimBackendProvider().support()).extracting(SupportEntry::hardware)
                .anySatisfy(hardware -> assertThat(hardware).contains("S7150"))
                .anySatisfy(hardware -> assertThat(hardware).contains("V710"));
    }
}
