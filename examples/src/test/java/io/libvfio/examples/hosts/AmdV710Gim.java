package io.libvfio.examples.hosts;

import io.libvfio.api.PciAddress;
import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;
import java.util.Map;

/**
 * A single-socket EPYC 7003 server (Supermicro H12SSL-i style, NPS1) running AMD's open-source GIM
 * 8.x: a Radeon PRO V710 on {@code gim}, which enabled 4 VFs itself ({@code vf_num=4}); the VFs are
 * unbound, ready for vfio-pci. PF and VF device ids and {@code sriov_totalvfs} are not confirmed
 * by a primary source (see examples/hosts/README.md).
 */
final class AmdV710Gim implements ExampleHost
{
    static final String NAME = "amd-v710-gim";
    static final PciAddress GPU = PciAddress.parse("0000:02:00.0");
    static final int VFS = 4;
    private static final int SUPERMICRO = 0x15d9;
    private static final int BOARD = 0x1b95;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public SimulatedHost write(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "BOOT_IMAGE=/boot/vmlinuz-6.8.0-52-generic root=UUID=2a9e4f07-c8d1-4b36-9f52-e0b7a3c61d84 ro amd_iommu=on iommu=pt modprobe.blacklist=amdgpu");
        host.osrelease("6.8.0-52-generic");
        CpuModels.amd(host, 25, 1, "AMD EPYC 7513 32-Core Processor", 64, CpuModels.MILAN);
        host.numaNode(0, "0-63", 263543412L, 0, 0, 64, 64);
        Placement p = new Placement(0, "0-63");
        host.add(p.function("0000:00:00.0").ids(0x1022, 0x1480).subsystem(0x1022, 0x1480).classCode(0x060000).revision(0x00)
                .iommuGroup(0));
        host.add(p.function("0000:00:01.0").ids(0x1022, 0x1482).classCode(0x060000).revision(0x00).iommuGroup(1));
        host.add(p.port("0000:00:01.1", 0x1022, 0x1483, 0x00, 0x01).iommuGroup(2));
        host.add(p.port("0000:00:01.2", 0x1022, 0x1483, 0x00, 0x03).iommuGroup(3));
        host.add(p.port("0000:00:01.3", 0x1022, 0x1483, 0x00, 0x05).iommuGroup(4));
        host.add(p.function("0000:00:03.0").ids(0x1022, 0x1482).classCode(0x060000).revision(0x00).iommuGroup(5));
        host.add(p.port("0000:00:03.1", 0x1022, 0x1483, 0x00, 0x02).iommuGroup(6));
        host.add(p.function("0000:00:08.0").ids(0x1022, 0x1482).classCode(0x060000).revision(0x00).iommuGroup(7));
        host.add(p.port("0000:00:08.1", 0x1022, 0x1484, 0x00, 0x04).iommuGroup(8));
        host.add(p.function("0000:00:14.0").ids(0x1022, 0x790b).subsystem(SUPERMICRO, BOARD).classCode(0x0c0500).revision(0x61)
                .driver("piix4_smbus").iommuGroup(9));
        host.add(p.function("0000:00:14.3").ids(0x1022, 0x790e).subsystem(SUPERMICRO, BOARD).classCode(0x060100).revision(0x51)
                .iommuGroup(9));
        host.add(p.function("0000:01:00.0").ids(0x144d, 0xa808).subsystem(0x144d, 0xa801).classCode(0x010802).revision(0x00)
                .driver("nvme").behind(PciAddress.parse("0000:00:01.1")).iommuGroup(10));
        host.add(p.function(GPU.toString()).ids(0x1002, 0x7460).subsystem(0x1002, 0x0e34).classCode(0x038000).revision(0x00)
                .driver("gim").sriov(16, 16, 1, 0x7461).behind(PciAddress.parse("0000:00:03.1")).iommuGroup(11));
        host.add(p.function("0000:03:00.0").ids(0x14e4, 0x16d8).subsystem(0x14e4, 0x4163).classCode(0x020000).revision(0x01)
                .driver("bnxt_en").behind(PciAddress.parse("0000:00:01.2")).iommuGroup(12));
        host.add(p.function("0000:03:00.1").ids(0x14e4, 0x16d8).subsystem(0x14e4, 0x4163).classCode(0x020000).revision(0x01)
                .driver("bnxt_en").behind(PciAddress.parse("0000:00:01.2")).iommuGroup(13));
        host.add(p.function("0000:04:00.0").ids(0x1022, 0x7901).subsystem(SUPERMICRO, BOARD).classCode(0x010601).revision(0x51)
                .driver("ahci").behind(PciAddress.parse("0000:00:08.1")).iommuGroup(14));
        host.add(p.function("0000:05:00.0").ids(0x1a03, 0x1150).subsystem(SUPERMICRO, BOARD).classCode(0x060400).revision(0x06)
                .secondaryBus(0x06).behind(PciAddress.parse("0000:00:01.3")).iommuGroup(15));
        host.add(p.function("0000:06:00.0").ids(0x1a03, 0x2000).subsystem(SUPERMICRO, BOARD).classCode(0x030000).revision(0x52)
                .driver("ast").bootVga(true).behind(PciAddress.parse("0000:05:00.0")).iommuGroup(15));
        host.enableVfs(GPU, VFS, vf -> { });

        // PF attribute of gim_monitor.c: "1" when self switch is enabled; GIM disables it by default
        host.writeAttribute(host.relativeDevice(GPU) + "/self_switch", "0");
        String adapter = "Adapter[" + GPU + "]";
        host.writeAttribute("sys/bus/pci/drivers/gim/self_switch", adapter + " : 0");
        host.writeAttribute("sys/bus/pci/drivers/gim/force_hot_reset", adapter + " : 0");
        host.writeAttribute("sys/bus/pci/drivers/gim/live_update", adapter + " live_update: disabled");
        host.module("gim", Map.of("vf_num", Integer.toString(VFS), "power_saving_mode", "0", "enabled_devices", "(null)"));
        host.driverModule("gim", "gim");
        host.writeText("etc/gim_config", "vf_num=" + VFS + "\n");
        host.module("vfio", Map.of());
        host.module("vfio_pci", Map.of("disable_idle_d3", "N", "enable_sriov", "N"));
        host.module("vfio_iommu_type1", Map.of("allow_unsafe_interrupts", "N"));
        host.driver("vfio-pci");
        host.driverModule("vfio-pci", "vfio_pci");
        host.drmCard(PciAddress.parse("0000:06:00.0"), 0);
        host.deviceNode("kvm");
        host.deviceNode("vfio/vfio");
        host.deviceNode("dri/card0");
        return host;
    }
}
