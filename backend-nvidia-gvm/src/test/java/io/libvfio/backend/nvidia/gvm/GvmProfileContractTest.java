package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.SimulatedHost;
import io.libvfio.testkit.contract.BackendContractTest;

import java.nio.file.Path;

/** The backend contract on a GeForce Turing with the mdev types a GVM profile registered, nvidia-1 to nvidia-3 (libvfio-original §7). */
final class GvmProfileContractTest
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
        return NvidiaHosts.gvmTuring(root);
    }

    @Override
    protected BackendContext context(FakeKernel kernel)
    {
        return KernelContexts.context(kernel);
    }
}
