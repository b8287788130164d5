package io.libvfio.examples.hosts;

import io.libvfio.api.PciAddress;
import io.libvfio.testkit.NvidiaVgpu;
import io.libvfio.testkit.PciFunctionSpec;
import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A dual-socket Cascade Lake server with two NVIDIA L40S, one per socket, on the vGPU 17+ host
 * driver with the vendor-specific VFIO framework: {@code sriov-manage -e ALL} has enabled all 32 VFs
 * of each PF, every VF stays on {@code nvidia} in its own IOMMU group with
 * {@code nvidia/creatable_vgpu_types} and {@code current_vgpu_type} {@code 0}; no mdev anywhere.
 */
final class NvidiaVgpu17Server implements ExampleHost
{
    static final String NAME = "nvidia-vgpu17-server";
    static final PciAddress GPU0 = PciAddress.parse("0000:3b:00.0");
    static final PciAddress GPU1 = PciAddress.parse("0000:af:00.0");
    static final int VFS = 32;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public SimulatedHost write(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "BOOT_IMAGE=/vmlinuz-6.8.0-45-generic root=UUID=c2b7e5a0-94d1-4c3f-8e26-51a0f9d4b7e8 ro intel_iommu=on iommu=pt");
        host.osrelease("6.8.0-45-generic");
        CpuModels.intel(host, 85, "Intel(R) Xeon(R) Gold 6226R CPU @ 2.90GHz", 64, CpuModels.CASCADE_LAKE);
        host.numaNode(0, "0-31", 263855172L, 0, 0, 128, 128);
        host.numaNode(1, "32-63", 264182912L, 0, 0, 128, 128);
        Placement socket0 = new Placement(0, "0-31");
        Placement socket1 = new Placement(1, "32-63");
        int group = XeonServerPlatform.add(host, socket0, 0);
        host.add(socket0.port("0000:3a:00.0", 0x8086, 0x2030, 0x07, 0x3b).iommuGroup(group++));
        host.add(l40s(socket0, GPU0).behind(PciAddress.parse("0000:3a:00.0")).iommuGroup(group++));
        host.add(socket1.port("0000:ae:00.0", 0x8086, 0x2030, 0x07, 0xaf).iommuGroup(group++));
        host.add(l40s(socket1, GPU1).behind(PciAddress.parse("0000:ae:00.0")).iommuGroup(group++));

        host.module("nvidia", Map.of());
        host.driverModule("nvidia", "nvidia");
        host.module("vfio", Map.of());
        host.module("vfio_pci_core", Map.of());
        host.module("vfio_iommu_type1", Map.of("allow_unsafe_interrupts", "N"));
        host.deviceNode("kvm");
        host.deviceNode("vfio/vfio");
        host.deviceNode("nvidiactl");
        host.deviceNode("nvidia0");
        host.deviceNode("nvidia1");
        for (PciAddress gpu : List.of(GPU0, GPU1)) {
            for (PciAddress vf : host.enableVfs(gpu, VFS, NvidiaVgpu.vendorVfioVf(NvidiaVgpu.L40S_TYPES))) {
                // each VF is registered as a vfio-pci-core device, so its group has a /dev/vfio node
                host.deviceNode("vfio/" + host.linkName("sys/bus/pci/devices/" + vf + "/iommu_group"));
            }
        }
        return host;
    }

    private static PciFunctionSpec l40s(Placement placement, PciAddress address)
    {
        return placement.function(address.toString()).ids(0x10de, 0x26b9).subsystem(0x10de, 0x1851).classCode(0x030200).revision(0xa1)
                .driver("nvidia").sriov(VFS, 4, 1, 0x26b9);
    }
}
