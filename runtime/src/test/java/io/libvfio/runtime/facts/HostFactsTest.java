package io.libvfio.runtime.facts;

import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.host.LibcAttributeWriter;
import io.libvfio.runtime.host.LocalHostFs;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CPU flags, kernel parameters and module states as doctor and setup read them. */
final class HostFactsTest
{
    @TempDir
    Path root;

    @Test
    void cpuinfoGivesTheVendorAndTheFirstCpusFlags()
    {
        CpuInfo intel = CpuInfo.parse("processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu vmx sse2\n\nprocessor\t: 1\nvendor_id\t: GenuineIntel\nflags\t\t: fpu\n");
        assertThat(intel.isIntel()).isTrue();
        assertThat(intel.hasVmx()).isTrue();
        assertThat(intel.hasSvm()).isFalse();
        assertThat(intel.inVirtualMachine()).isFalse();
        CpuInfo guest = CpuInfo.parse("vendor_id\t: AuthenticAMD\nflags\t\t: fpu svm hypervisor\n");
        assertThat(guest.isAmd()).isTrue();
        assertThat(guest.hasSvm()).isTrue();
        assertThat(guest.inVirtualMachine()).isTrue();
        assertThat(CpuInfo.parse("Features\t: fp asimd\n").flags()).isEmpty();
    }

    @Test
    void theCommandLineIsSplitAsTheKernelSplitsIt()
    {
        KernelCommandLine cmdline = KernelCommandLine.parse("BOOT_IMAGE=/vmlinuz ro  quiet intel_iommu=off dyndbg=\"file x.c +p\" intel-iommu=on -- --init-arg iommu=pt\n");

        assertThat(cmdline.parameters()).containsExactly("BOOT_IMAGE=/vmlinuz", "ro", "quiet", "intel_iommu=off", "dyndbg=\"file x.c +p\"", "intel-iommu=on");
        assertThat(cmdline.isSet("intel_iommu", "on")).as("the last one wins, - and _ alike").isTrue();
        assertThat(cmdline.value("dyndbg")).contains("file x.c +p");
        assertThat(cmdline.has("quiet")).isTrue();
        assertThat(cmdline.isSet("iommu", "pt")).as("after -- is init's").isFalse();
    }

    @Test
    void modulesAreLoadedBuiltInLoadableOrMissing()
    {
        SimulatedHost host = SimulatedHost.create(root, "ro");
        host.osrelease("6.8.0-45-generic");
        host.module("vfio", Map.of());
        host.writeAttribute("sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts", "N");
        host.writeText("lib/modules/6.8.0-45-generic/modules.dep",
                "kernel/drivers/vfio/pci/vfio-pci.ko.zst: kernel/drivers/vfio/pci/vfio-pci-core.ko.zst kernel/drivers/vfio/vfio.ko.zst\n"
                        + "kernel/drivers/vfio/mdev/mdev.ko.zst:\n");
        host.writeText("lib/modules/6.8.0-45-generic/modules.builtin", "kernel/drivers/iommu/iommufd/iommufd.ko\n");
        KernelModules modules = KernelModules.read(new LocalHostFs(HostPaths.of(root), new LibcAttributeWriter()));

        assertThat(modules.release()).contains("6.8.0-45-generic");
        assertThat(modules.state("vfio")).isEqualTo(ModuleState.LOADED);
        assertThat(modules.state("vfio_iommu_type1")).as("in /sys/module without a load state").isEqualTo(ModuleState.BUILT_IN);
        assertThat(modules.state("iommufd")).isEqualTo(ModuleState.BUILT_IN);
        assertThat(modules.state("vfio-pci")).isEqualTo(ModuleState.LOADABLE);
        assertThat(modules.state("vfio_pci_core")).as("a dependency is not listed as a module of its own").isEqualTo(ModuleState.MISSING);
        assertThat(modules.state("mdev")).isEqualTo(ModuleState.LOADABLE);
        assertThat(modules.state("kvmgt")).isEqualTo(ModuleState.MISSING);
    }

    @Test
    void withoutTheModuleListsAnUnloadedModuleIsUnknown()
    {
        SimulatedHost host = SimulatedHost.create(root, "ro");
        KernelModules noRelease = KernelModules.read(new LocalHostFs(HostPaths.of(root), new LibcAttributeWriter()));
        assertThat(noRelease.release()).isEmpty();
        assertThat(noRelease.state("vfio_pci")).isEqualTo(ModuleState.UNKNOWN);

        host.osrelease("6.1.0-18-amd64");
        KernelModules noLists = KernelModules.read(new LocalHostFs(HostPaths.of(root), new LibcAttributeWriter()));
        assertThat(noLists.listsKnown()).isFalse();
        assertThat(noLists.state("vfio_pci")).isEqualTo(ModuleState.UNKNOWN);
    }
}
