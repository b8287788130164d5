package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.SimulatedHost;
import io.libvfio.testkit.contract.BackendContractTest;

import java.nio.file.Path;

/** The backend contract on an A10 whose VFs are the mdev parents, one vGPU per VF (sysfs-spec §5.2). */
final class AmpereMdevOnVfContractTest
        extends BackendContractTest
{
    @Override
    protected BackendProvider provider()
    {
        return new NvidiaGvmBackendProvider();
    }

    @Override
    protected SimulatedHost hostWithFreeCapacity(Path root)
    {
        return NvidiaHosts.a10(root);
    }

    @Override
    protected BackendContext context(FakeKernel kernel)
    {
        return KernelContexts.context(kernel);
    }
}
