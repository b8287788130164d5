package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.contract.BackendContractTest;

/** The backend contract for nvidia-gvm: each subclass names one simulated NVIDIA host. */
abstract class NvidiaContractTest
        extends BackendContractTest
{
    @Override
    protected final BackendProvider provider()
    {
        return new NvidiaGvmBackendProvider();
    }

    @Override
    protected final BackendContext context(FakeKernel kernel)
    {
        return KernelContexts.context(kernel);
    }
}
