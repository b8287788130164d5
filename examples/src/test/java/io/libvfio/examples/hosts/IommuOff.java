package io.libvfio.examples.hosts;

import io.libvfio.api.PciAddress;
import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;
import java.util.Map;

/**
 * A Z490 desktop (Core i5-10600K) with a GeForce RTX 3080 Founders Edition on {@code nvidia},
 * booted without any IOMMU option and with VT-d off: {@code /sys/kernel/iommu_groups/} is empty,
 * no device has an {@code iommu_group} link, and vfio was never loaded.
 */
final class IommuOff implements ExampleHost
{
    static final String NAME = "iommu-off";
    static final PciAddress GPU = PciAddress.parse("0000:01:00.0");
    private static final int ASUS = 0x1043;
    private static final int Z490_BOARD = 0x8694;
    private static final int FOUNDERS_EDITION = 0x1467;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public SimulatedHost write(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "BOOT_IMAGE=/boot/vmlinuz-6.1.0-18-amd64 root=UUID=9d2c6e41-0b7a-4f83-a5e9-c17d3b08f264 ro quiet");
        host.osrelease("6.1.0-18-amd64");
        CpuModels.intel(host, 165, "Intel(R) Core(TM) i5-10600K CPU @ 4.10GHz", 12, CpuModels.SKYLAKE_CLIENT);
        host.numaNode(0, "0-11", 32700184L, 0, 0, 0, 0);
        Placement p = new Placement(-1, "0-11");
        PciAddress x16 = PciAddress.parse("0000:00:01.0");
        host.add(p.function("0000:00:00.0").ids(0x8086, 0x9b33).subsystem(ASUS, Z490_BOARD).classCode(0x060000).revision(0x05)
                .driver("skl_uncore"));
        host.add(p.port(x16.toString(), 0x8086, 0x1901, 0x05, 0x01));
        host.add(p.function("0000:00:14.0").ids(0x8086, 0x06ed).subsystem(ASUS, Z490_BOARD).classCode(0x0c0330).revision(0x00)
                .driver("xhci_hcd"));
        host.add(p.function("0000:00:14.2").ids(0x8086, 0x06ef).subsystem(ASUS, Z490_BOARD).classCode(0x050000).revision(0x00));
        host.add(p.function("0000:00:17.0").ids(0x8086, 0x06d2).subsystem(ASUS, Z490_BOARD).classCode(0x010601).revision(0x00)
                .driver("ahci"));
        host.add(p.port("0000:00:1b.0", 0x8086, 0x06c0, 0xf0, 0x02));
        host.add(p.port("0000:00:1c.0", 0x8086, 0x06b0, 0xf0, 0x03));
        host.add(p.function("0000:00:1f.0").ids(0x8086, 0x0685).subsystem(ASUS, Z490_BOARD).classCode(0x060100).revision(0x00));
        host.add(p.function("0000:00:1f.3").ids(0x8086, 0x06c8).subsystem(ASUS, 0x87c8).classCode(0x040300).revision(0x00)
                .driver("snd_hda_intel"));
        host.add(p.function("0000:00:1f.4").ids(0x8086, 0x06a3).subsystem(ASUS, Z490_BOARD).classCode(0x0c0500).revision(0x00)
                .driver("i801_smbus"));
        host.add(p.function("0000:00:1f.5").ids(0x8086, 0x06a4).subsystem(ASUS, Z490_BOARD).classCode(0x0c8000).revision(0x00));
        host.add(p.function(GPU.toString()).ids(0x10de, 0x2206).subsystem(0x10de, FOUNDERS_EDITION).classCode(0x030000).revision(0xa1)
                .driver("nvidia").bootVga(true).behind(x16));
        host.add(p.function("0000:01:00.1").ids(0x10de, 0x1aef).subsystem(0x10de, FOUNDERS_EDITION).classCode(0x040300).revision(0xa1)
                .driver("snd_hda_intel").behind(x16));
        host.add(p.function("0000:02:00.0").ids(0x144d, 0xa808).subsystem(0x144d, 0xa801).classCode(0x010802).revision(0x00)
                .driver("nvme").behind(PciAddress.parse("0000:00:1b.0")));
        host.add(p.function("0000:03:00.0").ids(0x8086, 0x15f3).subsystem(0x8086, 0x0003).classCode(0x020000).revision(0x02)
                .driver("igc").behind(PciAddress.parse("0000:00:1c.0")));
        host.module("nvidia", Map.of());
        host.driverModule("nvidia", "nvidia");
        host.deviceNode("kvm");
        host.deviceNode("nvidia0");
        host.deviceNode("nvidiactl");
        return host;
    }
}
