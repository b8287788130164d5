package io.libvfio.cli;

import io.libvfio.api.PciAddress;
import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;

/** Simulated hosts for the vGPU commands: GPUs with HDMI audio, each pair in an IOMMU group of its own, and vfio-pci loaded. */
final class VgpuHostsForCli
{
    private VgpuHostsForCli()
    {
    }

    static PciAddress gpu(int index)
    {
        return new PciAddress(0, 1 + index, 0, 0);
    }

    static PciAddress audio(int index)
    {
        return new PciAddress(0, 1 + index, 0, 1);
    }

    /** {@code gpus} GeForce cards (no vGPU driver: passthrough only), the first one the boot VGA when {@code bootVga}. */
    static SimulatedHost geforces(Path root, int gpus, boolean bootVga)
    {
        SimulatedHost host = SimulatedHost.create(root, "intel_iommu=on iommu=pt");
        host.numaNode(0, "0-7", 16_000_000L, 1024, 1024, 0, 0);
        for (int index = 0; index < gpus; index++) {
            host.add(SimulatedHost.function(gpu(index).toString()).ids(0x10de, 0x2204).subsystem(0x10de, 0x1454).classCode(0x030000)
                    .bootVga(bootVga && index == 0).driver("nvidia").numaNode(0).localCpus("0-7").iommuGroup(10 + index));
            host.add(SimulatedHost.function(audio(index).toString()).ids(0x10de, 0x1aef).subsystem(0x10de, 0x1454).classCode(0x040300)
                    .driver("snd_hda_intel").iommuGroup(10 + index));
        }
        host.driver("vfio-pci");
        return host;
    }
}
