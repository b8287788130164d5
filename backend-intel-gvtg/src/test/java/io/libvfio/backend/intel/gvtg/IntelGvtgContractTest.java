package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.IntelGvtg;
import io.libvfio.testkit.SimulatedHost;
import io.libvfio.testkit.contract.BackendContractTest;

import java.nio.file.Path;

/** The contract kit on a GVT-g laptop: a Coffee Lake iGPU with GVT-g on, kvmgt loaded and a 256 MB aperture. */
final class IntelGvtgContractTest
        extends BackendContractTest
{
    @Override
    protected BackendProvider provider()
    {
        return new IntelGvtgBackendProvider();
    }

    @Override
    protected SimulatedHost hostWithFreeCapacity(Path root)
    {
        SimulatedHost host = IntelHosts.coffeeLake(root, 0x3e92);
        IntelHosts.modules(host, "Y", true);
        IntelGvtg.addTypes(host, IntelHosts.IGPU, 256, 4096, 32, 9);
        return host;
    }

    @Override
    protected BackendContext context(FakeKernel kernel)
    {
        return KernelContexts.of(kernel, provider());
    }
}
