package io.libvfio.backend.amd.gim;

import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.SimulatedHost;
import io.libvfio.testkit.contract.BackendContractTest;

import java.nio.file.Path;

/** The contract kit on a FirePro S7150 under legacy GIM with vf_num=4, every VF unbound. */
final class S7150ContractTest
        extends BackendContractTest
{
    @Override
    protected BackendProvider provider()
    {
        return new AmdGimBackendProvider();
    }

    @Override
    protected SimulatedHost hostWithFreeCapacity(Path root)
    {
        SimulatedHost host = AmdHosts.empty(root);
        host.add(SimulatedHost.function(AmdHosts.S7150.toString()).ids(0x1002, 0x6929).subsystem(0x1002, 0x0335).classCode(0x038000)
                .driver("gim").iommuGroup(10).numaNode(1).localCpus("16-31").sriov(16, 16, 1, 0x692f));
        AmdHosts.legacyParameters(host, AmdHosts.UNSET, AmdHosts.UNSET);
        host.writeAttribute("etc/gim_config", AmdHosts.GIM_CONFIG);
        host.enableVfs(AmdHosts.S7150, 4, vf -> {
        });
        host.driver("vfio-pci");
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
