package io.libvfio.examples.hosts;

import io.libvfio.api.PciAddress;
import io.libvfio.testkit.IntelGvtg;
import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;
import java.util.Map;

/**
 * A Coffee Lake-H laptop (Core i7-9750H, HM370 PCH, in the style of a Dell XPS 15 7590): the UHD
 * Graphics 630 iGPU with GVT-g enabled and {@code kvmgt} loaded, and an Optimus GeForce GTX 1650
 * Mobile on {@code nvidia} (a consumer NVIDIA GPU: no mdev, no SR-IOV).
 */
final class IntelGvtgLaptop implements ExampleHost
{
    static final String NAME = "intel-gvtg-laptop";
    static final PciAddress IGPU = PciAddress.parse("0000:00:02.0");
    static final PciAddress DGPU = PciAddress.parse("0000:01:00.0");
    private static final int DELL = 0x1028;
    private static final int XPS_15_7590 = 0x0905;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public SimulatedHost write(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "BOOT_IMAGE=/boot/vmlinuz-6.1.0-18-amd64 root=UUID=3f1c2a7e-5b8d-4e61-9c0a-7d2e4b6f8a13 ro quiet intel_iommu=on i915.enable_gvt=1");
        host.osrelease("6.1.0-18-amd64");
        CpuModels.intel(host, 158, "Intel(R) Core(TM) i7-9750H CPU @ 2.60GHz", 12, CpuModels.SKYLAKE_CLIENT);
        host.numaNode(0, "0-11", 16127412L, 2048, 2048, 0, 0);
        Placement p = new Placement(-1, "0-11");
        host.add(p.function("0000:00:00.0").ids(0x8086, 0x3ec4).subsystem(DELL, XPS_15_7590).classCode(0x060000).revision(0x07)
                .driver("skl_uncore").iommuGroup(1));
        host.add(p.port("0000:00:01.0", 0x8086, 0x1901, 0x07, 0x01).iommuGroup(2));
        host.add(p.function(IGPU.toString()).ids(0x8086, 0x3e9b).subsystem(DELL, XPS_15_7590).classCode(0x030000).revision(0x02)
                .driver("i915").bootVga(true).iommuGroup(0));
        host.add(p.function("0000:00:14.0").ids(0x8086, 0xa36d).subsystem(DELL, XPS_15_7590).classCode(0x0c0330).revision(0x10)
                .driver("xhci_hcd").iommuGroup(3));
        host.add(p.function("0000:00:14.2").ids(0x8086, 0xa36f).subsystem(DELL, XPS_15_7590).classCode(0x050000).revision(0x10)
                .iommuGroup(3));
        host.add(p.function("0000:00:14.3").ids(0x8086, 0xa370).subsystem(0x1a56, 0x1552).classCode(0x028000).revision(0x10)
                .driver("iwlwifi").iommuGroup(4));
        host.add(p.port("0000:00:1d.0", 0x8086, 0xa330, 0xf0, 0x02).iommuGroup(5));
        host.add(p.function("0000:00:1f.0").ids(0x8086, 0xa30d).subsystem(DELL, XPS_15_7590).classCode(0x060100).revision(0x10)
                .iommuGroup(7));
        host.add(p.function("0000:00:1f.3").ids(0x8086, 0xa348).subsystem(DELL, XPS_15_7590).classCode(0x040380).revision(0x10)
                .driver("snd_hda_intel").iommuGroup(7));
        host.add(p.function("0000:00:1f.4").ids(0x8086, 0xa323).subsystem(DELL, XPS_15_7590).classCode(0x0c0500).revision(0x10)
                .driver("i801_smbus").iommuGroup(7));
        host.add(p.function("0000:00:1f.5").ids(0x8086, 0xa324).subsystem(DELL, XPS_15_7590).classCode(0x0c8000).revision(0x10)
                .driver("intel-spi").iommuGroup(7));
        host.add(p.function(DGPU.toString()).ids(0x10de, 0x1f91).subsystem(DELL, XPS_15_7590).classCode(0x030200).revision(0xa1)
                .driver("nvidia").behind(PciAddress.parse("0000:00:01.0")).iommuGroup(2));
        host.add(p.function("0000:02:00.0").ids(0x144d, 0xa808).subsystem(0x144d, 0xa801).classCode(0x010802).revision(0x00)
                .driver("nvme").behind(PciAddress.parse("0000:00:1d.0")).iommuGroup(6));

        host.module("i915", Map.of("enable_gvt", "Y", "enable_guc", "0"));
        host.driverModule("i915", "i915");
        host.module("kvmgt", Map.of());
        host.module("mdev", Map.of());
        host.module("vfio", Map.of());
        host.module("vfio_iommu_type1", Map.of("allow_unsafe_interrupts", "N"));
        host.module("nvidia", Map.of());
        host.driverModule("nvidia", "nvidia");
        host.drmCard(IGPU, 0);
        IntelGvtg.addTypes(host, IGPU, 256, 4096, 32, 9);
        host.deviceNode("kvm");
        host.deviceNode("vfio/vfio");
        host.deviceNode("dri/card0");
        host.deviceNode("dri/renderD128");
        host.deviceNode("nvidia0");
        host.deviceNode("nvidiactl");
        return host;
    }
}
