package io.libvfio.api.spi;

import io.libvfio.api.Mechanism;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The declarations backends make for the support matrix and for doctor/setup. */
final class SpiDeclarationsTest
{
    @Test
    void aSupportEntryIsOneTableRowOfCells()
    {
        SupportEntry entry = new SupportEntry("Intel", "Broadwell to Comet Lake iGPUs", Mechanism.MDEV, "any with VFIO mdev", "`i915.enable_gvt=1`", false);
        assertThat(entry.vendor()).isEqualTo("Intel");
        assertThatThrownBy(() -> new SupportEntry("Intel", "a | b", Mechanism.MDEV, "any", "x", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hardware");
        assertThatThrownBy(() -> new SupportEntry("Intel", "a", Mechanism.MDEV, "two\nlines", "x", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel");
        assertThatThrownBy(() -> new SupportEntry(" ", "a", Mechanism.MDEV, "any", "x", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vendor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"i915.enable_gvt=1", "intel_iommu=on", "iommu=pt", "quiet", "vfio-pci.ids=10de:1e07,10de:10f7"})
    void kernelParametersThatBootLoadersCanHoldAreAccepted(String parameter)
    {
        assertThat(HostRequirement.kernelParameter(parameter, List.of(), "test", false, "not set").value()).isEqualTo(parameter);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "x=\"y z\"", "x=1\ny=2", "=1", "a;reboot"})
    void kernelParametersThatCouldBreakABootLoaderFileAreRefused(String parameter)
    {
        assertThatThrownBy(() -> HostRequirement.kernelParameter(parameter, List.of(), "test", false, "not set"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moduleNamesAreModuleNames()
    {
        assertThat(HostRequirement.loadModule("kvmgt", List.of(), "GVT-g", true, "loaded").kind()).isEqualTo(HostRequirement.Kind.LOAD_MODULE);
        assertThat(HostRequirement.blacklistModule("amdgpu", List.of(), "GIM", false, "bound").kind()).isEqualTo(HostRequirement.Kind.BLACKLIST_MODULE);
        assertThatThrownBy(() -> HostRequirement.loadModule("kvmgt\nblacklist i915", List.of(), "x", false, "y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostRequirement.blacklistModule("../etc", List.of(), "x", false, "y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDriverRequirementCarriesItsFix()
    {
        HostRequirement driver = HostRequirement.driver("NVIDIA vGPU host driver", List.of(), "vGPU", false, "not installed", "install it");
        assertThat(driver.fix()).contains("install it");
        assertThat(HostRequirement.kernelParameter("iommu=pt", List.of(), "x", true, "set").fix()).isEmpty();
    }
}
