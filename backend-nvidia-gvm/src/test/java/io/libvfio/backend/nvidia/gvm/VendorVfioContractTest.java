package io.libvfio.backend.nvidia.gvm;

import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;

/** The backend contract on an L40S on the vGPU 17+ vendor-VFIO framework, every VF free (sysfs-spec §5.3). */
final class VendorVfioContractTest
        extends NvidiaContractTest
{
    @Override
    protected SimulatedHost hostWithFreeCapacity(Path root)
    {
        return NvidiaHosts.l40sFree(root);
    }
}
