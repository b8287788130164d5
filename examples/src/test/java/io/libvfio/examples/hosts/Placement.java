package io.libvfio.examples.hosts;

import io.libvfio.testkit.PciFunctionSpec;
import io.libvfio.testkit.SimulatedHost;

/**
 * Where a device sits: its {@code numa_node} ({@code -1} on single-socket desktops whose
 * firmware has no proximity info) and its {@code local_cpulist}.
 */
record Placement(int numaNode, String localCpus)
{
    PciFunctionSpec function(String address)
    {
        return SimulatedHost.function(address).numaNode(numaNode).localCpus(localCpus);
    }

    /** A PCIe root or switch port bound to {@code pcieport}. */
    PciFunctionSpec port(String address, int vendor, int device, int revision, int secondaryBus)
    {
        return function(address).ids(vendor, device).classCode(0x060400).revision(revision)
                .driver("pcieport").secondaryBus(secondaryBus);
    }
}
