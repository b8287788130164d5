package io.libvfio.runtime.vgpu;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.testkit.FakeKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.libvfio.runtime.vgpu.VgpuHosts.AUDIO;
import static io.libvfio.runtime.vgpu.VgpuHosts.BRIDGE;
import static io.libvfio.runtime.vgpu.VgpuHosts.GPU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class GroupViabilityTest
{
    @TempDir
    Path root;

    @Test
    void aGroupMemberOnAHostDriverIsNamedAndBridgesAreExempt()
    {
        FakeKernel kernel = FakeKernel.on(VgpuHosts.passthrough(root));
        GroupViability viability = new GroupViability(kernel);

        VfioException refused = catchThrowableOfType(() -> viability.check(GPU, List.of(GPU)), VfioException.class);
        assertThat(refused.errorCode()).isEqualTo(StandardErrorCode.DEVICE_BUSY);
        assertThat(refused.getMessage()).contains("IOMMU group 1", AUDIO + " is bound to snd_hda_intel");

        assertThatCode(() -> viability.check(GPU, List.of(GPU, AUDIO))).doesNotThrowAnyException();
        assertThat(viability.endpoints(GPU)).containsExactly(GPU, AUDIO);
        assertThat(viability.members(BRIDGE)).containsExactly(BRIDGE);
        assertThat(viability.endpoints(BRIDGE)).isEmpty();
    }

    @Test
    void pciStubAndNoDriverLeaveTheGroupViable()
    {
        FakeKernel kernel = FakeKernel.on(VgpuHosts.passthrough(root));
        kernel.write("/sys/bus/pci/drivers/snd_hda_intel/unbind", AUDIO.toString());

        assertThatCode(() -> new GroupViability(kernel).check(GPU, List.of(GPU))).doesNotThrowAnyException();
    }
}
