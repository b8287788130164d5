package io.libvfio.runtime.kernel;

import io.libvfio.api.HostInventory;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.RuntimeAssembly;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.testkit.FakeKernel;

import java.nio.file.Path;

/** The fake kernel over {@link GuestLikeHost}, seen through the same runtime as the real one. */
final class FakeGuestKernel
        implements KernelUnderTest
{
    private final Path root;
    private final FakeKernel kernel;

    private FakeGuestKernel(Path root)
    {
        this.root = root;
        this.kernel = GuestLikeHost.kernel(root);
    }

    static FakeGuestKernel under(Path root)
    {
        return new FakeGuestKernel(root);
    }

    @Override
    public HostFs fs()
    {
        return kernel;
    }

    @Override
    public HostInventory inventory()
    {
        RuntimeAssembly assembly = new RuntimeAssembly(RuntimeOptions.of(root))
        {
            @Override
            protected HostFs createHostFs(HostPaths paths)
            {
                return kernel;
            }
        };
        return assembly.runtime().inventory();
    }

    @Override
    public boolean vfioGroupViable(int group)
    {
        return kernel.vfioGroupViable(group);
    }
}
