package io.libvfio.testkit;

import io.libvfio.api.PciAddress;

import java.nio.file.Path;
import java.util.List;

/**
 * Small simulated hosts for the fake kernel's tests.
 */
final class TestHosts
{
    static final String BRIDGE = "0000:00:01.0";
    static final String GPU = "0000:01:00.0";
    static final String AUDIO = "0000:01:00.1";
    static final String GPU2 = "0000:02:00.0";
    static final String NVIDIA_PF = "0000:41:00.0";
    static final String INTEL_PF = "0000:03:00.0";
    static final String IGPU = "0000:00:02.0";
    static final String P40 = "0000:3b:00.0";
    static final String SAMPLE = "0000:00:1f.0";
    static final String GVT_DESCRIPTION = "low_gm_size: %dMB\nhigh_gm_size: %dMB\nfence: 4\nresolution: 1920x1200\nweight: %d";

    private TestHosts()
    {
    }

    /**
     * A root port with a GPU (and its audio function, same IOMMU group) behind it on
     * {@code nvidia}/{@code snd_hda_intel}, a second identical GPU, and vfio-pci loaded.
     */
    static SimulatedHost passthrough(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "intel_iommu=on");
        host.add(SimulatedHost.function(BRIDGE).ids(0x8086, 0x1901).classCode(0x060400).driver("pcieport").iommuGroup(0));
        host.add(SimulatedHost.function(GPU).ids(0x10de, 0x1eb8).subsystem(0x10de, 0x12a2).classCode(0x030200)
                .behind(PciAddress.parse(BRIDGE)).driver("nvidia").iommuGroup(1));
        host.add(SimulatedHost.function(AUDIO).ids(0x10de, 0x10f8).subsystem(0x10de, 0x12a2).classCode(0x040300)
                .behind(PciAddress.parse(BRIDGE)).driver("snd_hda_intel").iommuGroup(1));
        host.add(SimulatedHost.function(GPU2).ids(0x10de, 0x1eb8).subsystem(0x10de, 0x12a2).classCode(0x030200).driver("nvidia").iommuGroup(2));
        host.driver("vfio-pci");
        return host;
    }

    /** An NVIDIA SR-IOV PF on {@code nvidia} (16 VFs, offset 4) and an Intel one on {@code i915} (7 VFs, offset 1), with IOMMU groups. */
    static SimulatedHost sriov(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "intel_iommu=on");
        host.add(SimulatedHost.function(NVIDIA_PF).ids(0x10de, 0x26b9).subsystem(0x10de, 0x1851).classCode(0x030200)
                .sriov(16, 4, 1, 0x26b9).driver("nvidia").iommuGroup(10));
        host.add(SimulatedHost.function(INTEL_PF).ids(0x8086, 0x56c0).classCode(0x038000)
                .sriov(7, 1, 1, 0x56c1).driver("i915").iommuGroup(20));
        host.driver("vfio-pci");
        return host;
    }

    /**
     * Mdev parents: a Tesla P40 with two NVIDIA types, an iGPU with the four GVT-g types (7/3/1/0
     * instances, what a 448 MB low / 2688 MB high / 28 fence budget gives), a PCI parent with
     * the mtty sample's types, and the virtual parents of the mdpy and mbochs samples as a real
     * 6.1 kernel shows them (examples/testbed).
     */
    static SimulatedHost mdev(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "intel_iommu=on");
        host.add(SimulatedHost.function(P40).ids(0x10de, 0x1b38).classCode(0x030200).driver("nvidia").iommuGroup(5));
        host.mdevType(PciAddress.parse(P40), "nvidia-46", "GRID P40-2Q",
                "num_heads=4, frl_config=60, framebuffer=2048M, max_resolution=7680x4320, max_instance=12", 12);
        host.mdevType(PciAddress.parse(P40), "nvidia-47", "GRID P40-4Q",
                "num_heads=4, frl_config=60, framebuffer=4096M, max_resolution=7680x4320, max_instance=6", 6);
        host.add(SimulatedHost.function(IGPU).ids(0x8086, 0x3e92).classCode(0x030000).bootVga(true).driver("i915").iommuGroup(0));
        host.mdevType(PciAddress.parse(IGPU), "i915-GVTg_V5_8", "GVTg_V5_8", GVT_DESCRIPTION.formatted(64, 384, 2), 7);
        host.mdevType(PciAddress.parse(IGPU), "i915-GVTg_V5_4", "GVTg_V5_4", GVT_DESCRIPTION.formatted(128, 512, 4), 3);
        host.mdevType(PciAddress.parse(IGPU), "i915-GVTg_V5_2", "GVTg_V5_2", GVT_DESCRIPTION.formatted(256, 1024, 8), 1);
        host.mdevType(PciAddress.parse(IGPU), "i915-GVTg_V5_1", "GVTg_V5_1", GVT_DESCRIPTION.formatted(512, 2048, 16), 0);
        host.add(SimulatedHost.function(SAMPLE).ids(0x1af4, 0x1100).classCode(0x078000).iommuGroup(7));
        host.mdevType(PciAddress.parse(SAMPLE), "mtty-1", "Single port serial", null, 24);
        host.mdevType(PciAddress.parse(SAMPLE), "mtty-2", "Dual port serial", null, 12);
        host.virtualMdevParent("mdpy");
        for (String resolution : List.of("hd:1920x1080", "vga:640x480", "xga:1024x768")) {
            String type = "mdpy-" + resolution.substring(0, resolution.indexOf(':'));
            host.mdevType("mdpy", type, type, "virtual display, " + resolution.substring(resolution.indexOf(':') + 1) + " framebuffer", 4);
        }
        host.virtualMdevParent("mbochs");
        host.mdevType("mbochs", "mbochs-small", "mbochs-small", "virtual display, 4 MB video memory", 64);
        host.mdevType("mbochs", "mbochs-medium", "mbochs-medium", "virtual display, 16 MB video memory", 16);
        host.mdevType("mbochs", "mbochs-large", "mbochs-large", "virtual display, 64 MB video memory", 4);
        return host;
    }

    static String device(String bdf)
    {
        return "/sys/bus/pci/devices/" + bdf;
    }
}
