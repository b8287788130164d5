package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.SimulatedHost;
import io.libvfio.testkit.contract.BackendContractTest;

import java.nio.file.Path;

/** The backend contract on an L40S on vGPU 17+ where one VF already holds an L40S-2Q: the GPU runs that type (sysfs-spec §5.3). */
final class VendorVfioInUseContractTest
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
        return NvidiaHosts.l40sRunning(root);
    }

    @Override
    protected BackendContext context(FakeKernel kernel)
    {
        return KernelContexts.context(kernel);
    }
}
