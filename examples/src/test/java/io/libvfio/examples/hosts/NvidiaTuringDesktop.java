package io.libvfio.examples.hosts;

import io.libvfio.api.PciAddress;
import io.libvfio.testkit.NvidiaVgpu;
import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;
import java.util.Map;

/**
 * A Z390 desktop (Core i9-9900KF, no iGPU) with one GeForce RTX 2080 Ti (MSI Gaming X Trio) whose
 * four functions share an IOMMU group behind the CPU's x16 root port, and the GVM / Mdev-GPU mdev
 * types {@code nvidia-1..3} of {@code Open_vTuring.yaml} on the VGA function.
 */
final class NvidiaTuringDesktop implements ExampleHost
{
    static final String NAME = "nvidia-turing-desktop";
    static final PciAddress GPU = PciAddress.parse("0000:01:00.0");
    private static final int MSI = 0x1462;
    private static final int Z390_BOARD = 0x7b17;
    private static final int GAMING_X_TRIO = 0x3715;

    /** {@code Open_vTuring.yaml}: num, name; every type has fbLen 896 + fbRes 128, 4 heads, 3840x2160, FRL 120, 10 instances. */
    private static final String[][] GVM_TYPES = {
            {"1", "GVM [Geforce /10]"},
            {"2", "GVM [NVS /10]"},
            {"3", "GVM [Quadro /10]"}};

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public SimulatedHost write(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "BOOT_IMAGE=/boot/vmlinuz-5.15.0-91-generic root=UUID=8a4e2d90-1c7b-4f35-b6e8-0d93c5a27f41 ro quiet splash intel_iommu=on iommu=pt");
        host.osrelease("5.15.0-91-generic");
        CpuModels.intel(host, 158, "Intel(R) Core(TM) i9-9900KF CPU @ 3.60GHz", 16, CpuModels.SKYLAKE_CLIENT);
        host.numaNode(0, "0-15", 32803356L, 4096, 4096, 0, 0);
        Placement p = new Placement(-1, "0-15");
        PciAddress x16 = PciAddress.parse("0000:00:01.0");
        host.add(p.function("0000:00:00.0").ids(0x8086, 0x3e30).subsystem(MSI, Z390_BOARD).classCode(0x060000).revision(0x0d)
                .driver("skl_uncore").iommuGroup(0));
        host.add(p.port(x16.toString(), 0x8086, 0x1901, 0x0d, 0x01).iommuGroup(1));
        host.add(p.function("0000:00:14.0").ids(0x8086, 0xa36d).subsystem(MSI, Z390_BOARD).classCode(0x0c0330).revision(0x10)
                .driver("xhci_hcd").iommuGroup(2));
        host.add(p.function("0000:00:14.2").ids(0x8086, 0xa36f).subsystem(MSI, Z390_BOARD).classCode(0x050000).revision(0x10)
                .iommuGroup(2));
        host.add(p.function("0000:00:17.0").ids(0x8086, 0xa352).subsystem(MSI, Z390_BOARD).classCode(0x010601).revision(0x10)
                .driver("ahci").iommuGroup(3));
        host.add(p.port("0000:00:1b.0", 0x8086, 0xa340, 0xf0, 0x02).iommuGroup(4));
        host.add(p.function("0000:00:1f.0").ids(0x8086, 0xa305).subsystem(MSI, Z390_BOARD).classCode(0x060100).revision(0x10)
                .iommuGroup(6));
        host.add(p.function("0000:00:1f.3").ids(0x8086, 0xa348).subsystem(MSI, Z390_BOARD).classCode(0x040300).revision(0x10)
                .driver("snd_hda_intel").iommuGroup(6));
        host.add(p.function("0000:00:1f.4").ids(0x8086, 0xa323).subsystem(MSI, Z390_BOARD).classCode(0x0c0500).revision(0x10)
                .driver("i801_smbus").iommuGroup(6));
        host.add(p.function("0000:00:1f.5").ids(0x8086, 0xa324).subsystem(MSI, Z390_BOARD).classCode(0x0c8000).revision(0x10)
                .driver("intel-spi").iommuGroup(6));
        host.add(p.function("0000:00:1f.6").ids(0x8086, 0x15bc).subsystem(MSI, Z390_BOARD).classCode(0x020000).revision(0x10)
                .driver("e1000e").iommuGroup(6));
        host.add(p.function(GPU.toString()).ids(0x10de, 0x1e07).subsystem(MSI, GAMING_X_TRIO).classCode(0x030000).revision(0xa1)
                .driver("nvidia").bootVga(true).behind(x16).iommuGroup(1));
        host.add(p.function("0000:01:00.1").ids(0x10de, 0x10f7).subsystem(MSI, GAMING_X_TRIO).classCode(0x040300).revision(0xa1)
                .driver("snd_hda_intel").behind(x16).iommuGroup(1));
        host.add(p.function("0000:01:00.2").ids(0x10de, 0x1ad6).subsystem(MSI, GAMING_X_TRIO).classCode(0x0c0330).revision(0xa1)
                .driver("xhci_hcd").behind(x16).iommuGroup(1));
        host.add(p.function("0000:01:00.3").ids(0x10de, 0x1ad7).subsystem(MSI, GAMING_X_TRIO).classCode(0x0c8000).revision(0xa1)
                .driver("nvidia-gpu").behind(x16).iommuGroup(1));
        host.add(p.function("0000:02:00.0").ids(0x144d, 0xa808).subsystem(0x144d, 0xa801).classCode(0x010802).revision(0x00)
                .driver("nvme").behind(PciAddress.parse("0000:00:1b.0")).iommuGroup(5));

        for (String[] type : GVM_TYPES) {
            host.mdevType(GPU, "nvidia-" + type[0], type[1], NvidiaVgpu.mdevDescription(4, 120, 896 + 128, 3840, 2160, 10), 10);
        }
        host.module("nvidia", Map.of());
        host.driverModule("nvidia", "nvidia");
        host.module("nvidia_vgpu_vfio", Map.of());
        host.module("mdev", Map.of());
        host.module("vfio", Map.of());
        host.module("vfio_iommu_type1", Map.of("allow_unsafe_interrupts", "N"));
        host.deviceNode("kvm");
        host.deviceNode("vfio/vfio");
        host.deviceNode("nvidia0");
        host.deviceNode("nvidiactl");
        return host;
    }
}
