package io.libvfio.backend.amd.gim;

import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.RuntimeAssembly;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.testkit.FakeKernel;

/** The runtime's backend context over a fake kernel: discovery and every write go through the kernel. */
final class KernelContexts
{
    private KernelContexts()
    {
    }

    static BackendContext of(FakeKernel kernel, BackendProvider provider)
    {
        RuntimeAssembly assembly = new RuntimeAssembly(RuntimeOptions.of(kernel.root()))
        {
            @Override
            protected HostFs createHostFs(HostPaths paths)
            {
                return kernel;
            }
        };
        return assembly.runtime().context(provider);
    }
}
