package io.libvfio.backend.amd.gim;

import io.libvfio.api.PciAddress;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.SimulatedHost;
import io.libvfio.testkit.contract.BackendContractTest;

import java.nio.file.Path;

/** The contract kit on a Radeon PRO V710 under the open-source GIM with vf_num=4, one VF already on vfio-pci. */
final class V710ContractTest
        extends BackendContractTest
{
    private static final PciAddress V710 = PciAddress.parse("0000:83:00.0");

    @Override
    protected BackendProvider provider()
    {
        return new AmdGimBackendProvider();
    }

    @Override
    protected SimulatedHost hostWithFreeCapacity(Path root)
    {
        SimulatedHost host = AmdHosts.empty(root);
        host.add(SimulatedHost.function(V710.toString()).ids(0x1002, 0x7460).subsystem(0x1002, 0x0e0d).classCode(0x038000)
                .driver("gim").iommuGroup(40).numaNode(1).localCpus("16-31").sriov(12, 4, 1, 0x7461));
        host.writeAttribute("sys/module/gim/parameters/vf_num", "4");
        host.writeAttribute("sys/module/gim/parameters/pf_fb_size", "512");
        host.writeAttribute("sys/module/gim/parameters/sch_policy", "1");
        host.driver("vfio-pci");
        host.bindDriver(host.enableVfs(V710, 4, vf -> {
        }).get(0), "vfio-pci");
        return host;
    }

    @Override
    protected FakeKernel kernel(SimulatedHost host)
    {
        return FakeKernel.on(host).vfDriver("gim", null);
    }

    @Override
    protected BackendContext context(FakeKernel kernel)
    {
        return KernelContexts.of(kernel, provider());
    }
}
