package io.libvfio.backend.intel.sriov;

import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.SimulatedHost;
import io.libvfio.testkit.XeSriovAdmin;
import io.libvfio.testkit.contract.BackendContractTest;

import java.nio.file.Path;

/** The contract kit on an Arc B580 under xe with sriov_admin and vram_quota (7.0), 4 VFs allowed, none enabled. */
final class XeSriovAdminContractTest
        extends BackendContractTest
{
    @Override
    protected BackendProvider provider()
    {
        return new IntelSriovBackendProvider();
    }

    @Override
    protected SimulatedHost hostWithFreeCapacity(Path root)
    {
        SimulatedHost host = SriovHosts.empty(root);
        host.add(SimulatedHost.function(SriovHosts.BMG.toString()).ids(0x8086, 0xe20b).subsystem(0x8086, 0x1100).classCode(0x030000)
                .driver("xe").iommuGroup(20).numaNode(0).localCpus("0-15").sriov(4, 4, 1, 0xe20b));
        XeSriovAdmin.write(host, SriovHosts.BMG, 4, true);
        host.driver("vfio-pci");
        return host;
    }

    @Override
    protected BackendContext context(FakeKernel kernel)
    {
        return KernelContexts.of(kernel, provider());
    }
}
