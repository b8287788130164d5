package io.libvfio.sample.mbochs;

import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.SimulatedHost;
import io.libvfio.testkit.contract.BackendContractTest;

import java.nio.file.Path;

/**
 * The backend contract every libvfio backend keeps (the api test kit's suite), run on the fake
 * kernel's mbochs emulation: probe etiquette, read-only discovery, create then destroy leaving
 * the host byte-for-byte as before, dry runs, and rollback at every write step.
 */
final class MbochsContractTest
        extends BackendContractTest
{
    @Override
    protected BackendProvider provider()
    {
        return new MbochsBackendProvider();
    }

    @Override
    protected SimulatedHost hostWithFreeCapacity(Path root)
    {
        return MbochsHosts.loaded(root);
    }

    @Override
    protected BackendContext context(FakeKernel kernel)
    {
        return new KernelContext(kernel);
    }
}
