package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.SimulatedHost;
import io.libvfio.testkit.contract.BackendContractTest;

import java.nio.file.Path;

/** The backend contract on a Quadro RTX 6000 with GRID mdev types on the GPU itself (sysfs-spec §5.1). */
final class GridMdevContractTest
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
        return NvidiaHosts.rtx6000(root);
    }

    @Override
    protected BackendContext context(FakeKernel kernel)
    {
        return KernelContexts.context(kernel);
    }
}
