package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.SimulatedHost;
import io.libvfio.testkit.contract.BackendContractTest;

import java.nio.file.Path;

/** The backend contract on an L40S on the vGPU 17+ vendor-VFIO framework, every VF free (sysfs-spec §5.3). */
final class VendorVfioContractTest
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
        return NvidiaHosts.l40sFree(root);
    }

    @Override
    protected BackendContext context(FakeKernel kernel)
    {
        return KernelContexts.context(kernel);
    }
}
