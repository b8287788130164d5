package io.libvfio.sample.mbochs;

import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;
import java.util.Map;

/**
 * Simulated hosts with the mbochs sample driver loaded, as the test bed's real 6.1 kernel shows
 * it: the virtual parent, three types sharing 256 MB, and the module's {@code count} parameter.
 */
final class MbochsHosts
{
    private MbochsHosts()
    {
    }

    /** A host with mbochs loaded and no instance yet: 64 small, 16 medium, 4 large fit. */
    static SimulatedHost loaded(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "BOOT_IMAGE=/vmlinuz intel_iommu=on");
        host.virtualMdevParent("mbochs");
        host.mdevType("mbochs", "mbochs-large", "mbochs-large", "virtual display, 64 MB video memory", 4);
        host.mdevType("mbochs", "mbochs-medium", "mbochs-medium", "virtual display, 16 MB video memory", 16);
        host.mdevType("mbochs", "mbochs-small", "mbochs-small", "virtual display, 4 MB video memory", 64);
        host.module("mbochs", Map.of("count", "256"));
        return host;
    }
}
