package io.libvfio.runtime.passthrough;

import io.libvfio.api.PciAddress;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.RuntimeAssembly;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.SimulatedHost;
import io.libvfio.testkit.contract.BackendContractTest;

import java.nio.file.Path;
import java.util.List;

/**
 * The runtime's passthrough backend keeps the backend contract. Its foreign hosts are hosts
 * without a GPU in an IOMMU group (any GPU in one is its hardware, the kit's Matrox included).
 */
final class PassthroughBackendContractTest
        extends BackendContractTest
{
    @Override
    protected BackendProvider provider()
    {
        return new PassthroughBackendProvider();
    }

    @Override
    protected SimulatedHost hostWithFreeCapacity(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "intel_iommu=on");
        host.add(SimulatedHost.function("0000:00:01.0").ids(0x8086, 0x1901).classCode(0x060400).driver("pcieport").iommuGroup(0));
        host.add(SimulatedHost.function("0000:01:00.0").ids(0x10de, 0x2204).classCode(0x030000).behind(PciAddress.parse("0000:00:01.0"))
                .driver("nvidia").iommuGroup(1));
        host.add(SimulatedHost.function("0000:01:00.1").ids(0x10de, 0x1aef).classCode(0x040300).behind(PciAddress.parse("0000:00:01.0"))
                .driver("snd_hda_intel").iommuGroup(1));
        host.driver("vfio-pci");
        return host;
    }

    @Override
    protected List<SimulatedHost> foreignHosts(Path root)
    {
        SimulatedHost empty = SimulatedHost.create(root.resolve("empty"), "BOOT_IMAGE=/vmlinuz");
        SimulatedHost iommuOff = SimulatedHost.create(root.resolve("iommu-off"), "BOOT_IMAGE=/vmlinuz");
        iommuOff.add(SimulatedHost.function("0000:01:00.0").ids(0x10de, 0x2204).classCode(0x030000).driver("nvidia"));
        return List.of(empty, iommuOff);
    }

    @Override
    protected BackendContext context(FakeKernel kernel)
    {
        return new RuntimeAssembly(RuntimeOptions.of(kernel.root()))
        {
            @Override
            protected HostFs createHostFs(HostPaths paths)
            {
                return kernel;
            }
        }.runtime().context(provider());
    }
}
