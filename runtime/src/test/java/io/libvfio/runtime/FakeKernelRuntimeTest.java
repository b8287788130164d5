package io.libvfio.runtime;

import io.libvfio.api.HostInventory;
import io.libvfio.api.PciAddress;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The runtime assembled over the fake kernel: the same discovery, and kernel reactions visible to it. */
final class FakeKernelRuntimeTest
{
    private static final PciAddress PF = PciAddress.parse("0000:3d:00.0");

    @TempDir
    Path root;

    @Test
    void discoveryOverTheFakeKernelMatchesThePlainTreeAndSeesItsChanges()
    {
        SimulatedHost host = SimulatedHost.create(root, "intel_iommu=on")
                .add(SimulatedHost.function(PF.toString()).ids(0x1b36, 0x0010).classCode(0x010802).driver("nvme").iommuGroup(3).sriov(4, 1, 1, 0x0010));
        FakeKernel kernel = FakeKernel.on(host);
        RuntimeAssembly overKernel = new RuntimeAssembly(RuntimeOptions.of(root))
        {
            @Override
            protected HostFs createHostFs(HostPaths paths)
            {
                return kernel;
            }
        };
        HostInventory before = overKernel.runtime().inventory();
        assertThat(before).isEqualTo(new RuntimeAssembly(RuntimeOptions.of(root)).runtime().inventory());

        overKernel.hostFs().write("/sys/bus/pci/devices/0000:3d:00.0/sriov_numvfs", "2");
        HostInventory after = new RuntimeAssembly(RuntimeOptions.of(root)).runtime().inventory();
        assertThat(after.device(PF).orElseThrow().sriov().orElseThrow().virtualFunctions())
                .containsExactly(PciAddress.parse("0000:3d:00.1"), PciAddress.parse("0000:3d:00.2"));
        assertThat(after.device(PciAddress.parse("0000:3d:00.1")).orElseThrow().physicalFunction()).contains(PF);
        assertThat(after.iommuGroups()).hasSize(3);
    }
}
