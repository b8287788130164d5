package io.libvfio.backend.nvidia.gvm;

import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;

/** The backend contract on an L40S on vGPU 17+ where one VF already holds an L40S-2Q: the GPU runs that type (sysfs-spec §5.3). */
final class VendorVfioInUseContractTest
        extends NvidiaContractTest
{
    @Override
    protected SimulatedHost hostWithFreeCapacity(Path root)
    {
        return NvidiaHosts.l40sRunning(root);
    }
}
