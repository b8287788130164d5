package io.libvfio.examples.hosts;

import io.libvfio.api.PciAddress;
import io.libvfio.testkit.IntelPrelimIov;
import io.libvfio.testkit.SimulatedHost;
import io.libvfio.testkit.XeSriovAdmin;

import java.nio.file.Path;
import java.util.Map;

/**
 * A single-socket Xeon server with two Intel GPUs in SR-IOV PF mode and no VF enabled yet: a Data
 * Center GPU Flex 170 on the out-of-tree i915 of Intel's backports ({@code drm/card1/prelim_iov/},
 * one {@code gt0}, 31 VF slots), and an Arc Pro B60 on upstream {@code xe} with
 * {@code sriov_admin/} (24 VF slots). No released kernel carries both drivers' interfaces; the host
 * joins them so one tree shows both Intel SR-IOV layouts.
 */
final class IntelFlexSriov implements ExampleHost
{
    static final String NAME = "intel-flex-sriov";
    static final PciAddress FLEX = PciAddress.parse("0000:3b:00.0");
    static final PciAddress B60 = PciAddress.parse("0000:5e:00.0");
    static final int FLEX_VFS = 31;
    static final int B60_VFS = 24;

    /**
     * Flex 170 (16 GiB LMEM, 4 GiB GGTT, 64K GuC contexts, 256 doorbells) with the PF's spares
     * subtracted: 8 VFs of Intel's "flex170_m8" profile (ggtt 503316480, lmem 2097152000,
     * doorbells 30 each) use it up exactly.
     */
    static final IntelPrelimIov.GtResources FLEX_GT0 = new IntelPrelimIov.GtResources(
            4026531840L, 16777216000L, 64511, 240,
            268435456L, 402653184L, 1024, 16);

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public SimulatedHost write(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root,
                "BOOT_IMAGE=/boot/vmlinuz-6.8.0-60-generic root=UUID=0e6d3b92-7a41-4f8c-b5d0-93c1e2a47f65 ro intel_iommu=on i915.enable_guc=3 i915.max_vfs=31 xe.max_vfs=24");
        host.osrelease("6.8.0-60-generic");
        CpuModels.intel(host, 85, "Intel(R) Xeon(R) Gold 6226R CPU @ 2.90GHz", 32, CpuModels.CASCADE_LAKE);
        host.numaNode(0, "0-31", 131595264L, 0, 0, 32, 32);
        Placement socket0 = new Placement(0, "0-31");
        int group = XeonServerPlatform.add(host, socket0, 0);
        host.add(socket0.port("0000:3a:00.0", 0x8086, 0x2030, 0x07, 0x3b).iommuGroup(group++));
        host.add(socket0.function(FLEX.toString()).ids(0x8086, 0x56c0).subsystem(0x8086, 0x4905).classCode(0x038000).revision(0x08)
                .driver("i915").sriov(FLEX_VFS, 1, 1, 0x56c0).behind(PciAddress.parse("0000:3a:00.0")).iommuGroup(group++));
        host.add(socket0.port("0000:5d:00.0", 0x8086, 0x2030, 0x07, 0x5e).iommuGroup(group++));
        host.add(socket0.function(B60.toString()).ids(0x8086, 0xe211).subsystem(0x8086, 0x1100).classCode(0x030000).revision(0x00)
                .driver("xe").sriov(B60_VFS, 1, 1, 0xe211).behind(PciAddress.parse("0000:5d:00.0")).iommuGroup(group++));

        String flexCard = host.drmCard(FLEX, 1);
        IntelPrelimIov.write(host, FLEX, flexCard, "gt0", FLEX_VFS, FLEX_GT0);
        host.drmCard(B60, 2);
        XeSriovAdmin.write(host, B60, B60_VFS, true);

        host.module("i915", Map.of("enable_guc", "3", "max_vfs", "31"));
        host.driverModule("i915", "i915");
        host.module("xe", Map.of("max_vfs", "24"));
        host.driverModule("xe", "xe");
        host.module("vfio", Map.of());
        host.module("vfio_pci", Map.of("disable_idle_d3", "N", "enable_sriov", "N"));
        host.module("vfio_iommu_type1", Map.of("allow_unsafe_interrupts", "N"));
        host.driver("vfio-pci");
        host.driverModule("vfio-pci", "vfio_pci");
        host.deviceNode("kvm");
        host.deviceNode("vfio/vfio");
        host.deviceNode("dri/card0");
        host.deviceNode("dri/card1");
        host.deviceNode("dri/card2");
        host.deviceNode("dri/renderD128");
        host.deviceNode("dri/renderD129");
        return host;
    }
}
