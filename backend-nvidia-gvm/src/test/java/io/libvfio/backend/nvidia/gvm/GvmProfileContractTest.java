package io.libvfio.backend.nvidia.gvm;

import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;

/** The backend contract on a GeForce Turing with the mdev types a GVM profile registered, nvidia-1 to nvidia-3 (libvfio-original §7). */
final class GvmProfileContractTest
        extends NvidiaContractTest
{
    @Override
    protected SimulatedHost hostWithFreeCapacity(Path root)
    {
        return NvidiaHosts.gvmTuring(root);
    }
}
