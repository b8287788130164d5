package io.libvfio.backend.intel.sriov;

import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.IntelPrelimIov;
import io.libvfio.testkit.SimulatedHost;
import io.libvfio.testkit.contract.BackendContractTest;

import java.nio.file.Path;

/** The contract kit on a Data Center GPU Flex 170 under Intel's i915 backports (prelim_iov), 4 VFs allowed, none enabled. */
final class FlexPrelimIovContractTest
        extends BackendContractTest
{
    static final IntelPrelimIov.GtResources FLEX_GT = new IntelPrelimIov.GtResources(4_160_749_568L, 15_032_385_536L, 65_408, 240, 0, 0, 0, 0);

    @Override
    protected BackendProvider provider()
    {
        return new IntelSriovBackendProvider();
    }

    @Override
    protected SimulatedHost hostWithFreeCapacity(Path root)
    {
        return flex(root);
    }

    static SimulatedHost flex(Path root)
    {
        SimulatedHost host = SriovHosts.empty(root);
        host.add(SimulatedHost.function(SriovHosts.FLEX.toString()).ids(0x8086, 0x56c0).subsystem(0x8086, 0x4905).classCode(0x038000)
                .driver("i915").iommuGroup(60).numaNode(1).localCpus("16-31").sriov(4, 1, 1, 0x56c0));
        IntelPrelimIov.write(host, SriovHosts.FLEX, host.drmCard(SriovHosts.FLEX, 1), "gt", 4, FLEX_GT);
        host.driver("vfio-pci");
        return host;
    }

    @Override
    protected BackendContext context(FakeKernel kernel)
    {
        return KernelContexts.of(kernel, provider());
    }
}
