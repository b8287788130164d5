package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.Mechanism;
import io.libvfio.api.spi.HostRequirement;
import io.libvfio.api.spi.SupportEntry;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The vGPU host driver as a host requirement. */
final class NvidiaRequirementsTest
{
    @TempDir
    Path root;

    @Test
    void theMdevHostDriverIsSeenByItsModule()
    {
        HostRequirement driver = NvidiaHosts.backend(NvidiaHosts.rtx6000(root)).hostRequirements().get(0);

        assertThat(driver.kind()).isEqualTo(HostRequirement.Kind.DRIVER);
        assertThat(driver.value()).isEqualTo("NVIDIA vGPU host driver");
        assertThat(driver.met()).isTrue();
        assertThat(driver.state()).isEqualTo("nvidia_vgpu_vfio is loaded");
        assertThat(driver.devices()).containsExactly(NvidiaHosts.RTX6000);
    }

    @Test
    void theVendorVfioHostDriverIsSeenByItsVfs()
    {
        HostRequirement driver = NvidiaHosts.backend(NvidiaHosts.l40s(root)).hostRequirements().get(0);

        assertThat(driver.met()).isTrue();
        assertThat(driver.state()).contains("vGPU types on the VFs of 1 GPU (vendor VFIO)");
    }

    @Test
    void aGeforceWithoutTheHostDriverIsToldWhatToInstall()
    {
        List<HostRequirement> requirements = NvidiaHosts.backend(NvidiaHosts.gtx1080(root)).hostRequirements();

        assertThat(requirements).singleElement().satisfies(driver -> {
            assertThat(driver.met()).isFalse();
            assertThat(driver.state()).contains("not present", "the GPUs are on nouveau");
            assertThat(driver.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("vGPU host driver", "passed through whole"));
        });
    }

    @Test
    void aHostWithoutNvidiaGpusNeedsNothing()
    {
        SimulatedHost host = NvidiaHosts.intelOnly(root);

        assertThat(NvidiaHosts.backend(host).hostRequirements()).isEmpty();
    }

    @Test
    void theSupportMatrixDeclaresMdevAndVendorVfio()
    {
        assertThat(new NvidiaGvmBackendProvider().support()).extracting(SupportEntry::mechanism)
                .containsExactly(Mechanism.MDEV, Mechanism.VENDOR_VFIO);
    }
}
