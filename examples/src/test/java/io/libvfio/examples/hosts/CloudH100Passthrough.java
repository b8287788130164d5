package io.libvfio.examples.hosts;

import io.libvfio.api.PciAddress;
import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;
import java.util.Map;

/**
 * A cloud VM guest (QEMU i440FX machine, Linux 6.18) with one H100 SXM5 80GB passed through at
 * {@code 0000:00:06.0}, mirroring a real capture: 3D class (so no {@code boot_vga}), {@code nvidia},
 * {@code numa_node -1}, no IOMMU, no SR-IOV, no mdev, no vfio. Nothing here can be virtualized.
 */
final class CloudH100Passthrough implements ExampleHost
{
    static final String NAME = "cloud-h100-passthrough";
    static final PciAddress GPU = PciAddress.parse("0000:00:06.0");
    private static final int QEMU = 0x1af4;
    private static final int QEMU_VM = 0x1100;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public SimulatedHost write(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "BOOT_IMAGE=/boot/vmlinuz-6.18.44 root=UUID=f04a7c19-3d2b-4e85-a6c0-8b51e9d2c7a3 ro console=ttyS0,115200n8");
        host.osrelease("6.18.44");
        CpuModels.intel(host, 143, "Intel(R) Xeon(R) Processor", 16, CpuModels.CLOUD_GUEST);
        host.numaNode(0, "0-15", 4550128L, 0, 0, 0, 0);
        Placement p = new Placement(-1, "0-15");
        host.add(p.function("0000:00:00.0").ids(0x8086, 0x1237).subsystem(QEMU, QEMU_VM).classCode(0x060000).revision(0x02));
        host.add(p.function("0000:00:01.0").ids(0x8086, 0x7000).subsystem(QEMU, QEMU_VM).classCode(0x060100).revision(0x00));
        host.add(p.function("0000:00:01.3").ids(0x8086, 0x7113).subsystem(QEMU, QEMU_VM).classCode(0x068000).revision(0x03)
                .driver("piix4_smbus"));
        host.add(p.function("0000:00:03.0").ids(0x1af4, 0x1000).subsystem(QEMU, 0x0001).classCode(0x020000).revision(0x00)
                .driver("virtio-pci"));
        host.add(p.function("0000:00:04.0").ids(0x1b36, 0x0010).subsystem(QEMU, QEMU_VM).classCode(0x010802).revision(0x02)
                .driver("nvme"));
        host.add(p.function("0000:00:05.0").ids(0x1af4, 0x1005).subsystem(QEMU, 0x0004).classCode(0x00ff00).revision(0x00)
                .driver("virtio-pci"));
        host.add(p.function(GPU.toString()).ids(0x10de, 0x2330).subsystem(0x10de, 0x16c1).classCode(0x030200).revision(0xa1)
                .driver("nvidia"));
        host.module("nvidia", Map.of());
        host.driverModule("nvidia", "nvidia");
        host.deviceNode("nvidia0");
        host.deviceNode("nvidiactl");
        return host;
    }
}
