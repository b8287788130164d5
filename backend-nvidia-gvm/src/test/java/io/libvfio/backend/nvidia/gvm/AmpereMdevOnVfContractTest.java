package io.libvfio.backend.nvidia.gvm;

import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;

/** The backend contract on an A10 whose VFs are the mdev parents, one vGPU per VF (sysfs-spec §5.2). */
final class AmpereMdevOnVfContractTest
        extends NvidiaContractTest
{
    @Override
    protected SimulatedHost hostWithFreeCapacity(Path root)
    {
        return NvidiaHosts.a10(root);
    }
}
