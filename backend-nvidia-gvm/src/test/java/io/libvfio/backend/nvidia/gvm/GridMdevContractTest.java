package io.libvfio.backend.nvidia.gvm;

import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;

/** The backend contract on a Quadro RTX 6000 with GRID mdev types on the GPU itself (sysfs-spec §5.1). */
final class GridMdevContractTest
        extends NvidiaContractTest
{
    @Override
    protected SimulatedHost hostWithFreeCapacity(Path root)
    {
        return NvidiaHosts.rtx6000(root);
    }
}
