package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.RuntimeAssembly;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.testkit.FakeKernel;

/** The runtime over a fake kernel, and this backend's context from it (a fresh discovery each time). */
final class KernelContexts
{
    private KernelContexts()
    {
    }

    static VfioRuntime runtime(FakeKernel kernel)
    {
        return new RuntimeAssembly(RuntimeOptions.of(kernel.root()))
        {
            @Override
            protected HostFs createHostFs(HostPaths paths)
            {
                return kernel;
            }
        }.runtime();
    }

    static SleeplessContext context(FakeKernel kernel)
    {
        return new SleeplessContext(runtime(kernel).context(new NvidiaGvmBackendProvider()));
    }
}
