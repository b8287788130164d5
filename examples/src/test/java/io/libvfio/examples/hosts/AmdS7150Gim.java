package io.libvfio.examples.hosts;

import io.libvfio.api.PciAddress;
import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dual-socket Haswell-EP server (Xeon E5-2660 v3, C612 PCH) running AMD's legacy GIM 1.x on
 * Ubuntu 16.04's 4.4 kernel: a FirePro S7150 on {@code gim}, which enabled 4 VFs at load time from
 * {@code /etc/gim_config}; the VFs are unbound, ready for vfio-pci. The BMC's ASPEED VGA is the
 * boot VGA. NUMA node 0 owns CPUs {@code 0-9,20-29} (hyper-threads interleaved).
 */
final class AmdS7150Gim implements ExampleHost
{
    static final String NAME = "amd-s7150-gim";
    static final PciAddress GPU = PciAddress.parse("0000:03:00.0");
    static final int VFS = 4;
    private static final int SUPERMICRO = 0x15d9;
    private static final int BOARD = 0x0832;
    private static final String UNSET = "4294967295";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public SimulatedHost write(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "BOOT_IMAGE=/boot/vmlinuz-4.4.0-75-generic root=UUID=6b8f0c3d-2e57-4a19-8d64-f1a7c3e09b25 ro intel_iommu=on modprobe.blacklist=amdgpu");
        host.osrelease("4.4.0-75-generic");
        CpuModels.intel(host, 63, "Intel(R) Xeon(R) CPU E5-2660 v3 @ 2.60GHz", 40, CpuModels.HASWELL_EP);
        host.numaNode(0, "0-9,20-29", 65857248L, 8192, 8192, 0, 0);
        host.numaNode(1, "10-19,30-39", 66060288L, 8192, 8192, 0, 0);
        Placement socket0 = new Placement(0, "0-9,20-29");
        host.add(socket0.function("0000:00:00.0").ids(0x8086, 0x2f00).subsystem(SUPERMICRO, BOARD).classCode(0x060000).revision(0x02)
                .iommuGroup(0));
        host.add(socket0.port("0000:00:02.0", 0x8086, 0x2f04, 0x02, 0x02).iommuGroup(1));
        host.add(socket0.port("0000:00:03.0", 0x8086, 0x2f08, 0x02, 0x03).iommuGroup(3));
        host.add(socket0.port("0000:00:1c.0", 0x8086, 0x8d10, 0xd5, 0x04).iommuGroup(5));
        host.add(socket0.function("0000:00:1f.0").ids(0x8086, 0x8d44).subsystem(SUPERMICRO, BOARD).classCode(0x060100).revision(0x05)
                .driver("lpc_ich").iommuGroup(7));
        host.add(socket0.function("0000:00:1f.2").ids(0x8086, 0x8d02).subsystem(SUPERMICRO, BOARD).classCode(0x010601).revision(0x05)
                .driver("ahci").iommuGroup(7));
        host.add(socket0.function("0000:00:1f.3").ids(0x8086, 0x8d22).subsystem(SUPERMICRO, BOARD).classCode(0x0c0500).revision(0x05)
                .driver("i801_smbus").iommuGroup(7));
        PciAddress nicPort = PciAddress.parse("0000:00:02.0");
        host.add(socket0.function("0000:02:00.0").ids(0x8086, 0x1521).subsystem(SUPERMICRO, 0x1521).classCode(0x020000).revision(0x01)
                .driver("igb").behind(nicPort).iommuGroup(2));
        host.add(socket0.function("0000:02:00.1").ids(0x8086, 0x1521).subsystem(SUPERMICRO, 0x1521).classCode(0x020000).revision(0x01)
                .driver("igb").behind(nicPort).iommuGroup(2));
        host.add(socket0.function(GPU.toString()).ids(0x1002, 0x6929).subsystem(0x1002, 0x0335).classCode(0x030000).revision(0x00)
                .driver("gim").sriov(16, 16, 1, 0x692f).behind(PciAddress.parse("0000:00:03.0")).iommuGroup(4));
        host.add(socket0.function("0000:04:00.0").ids(0x1a03, 0x1150).subsystem(SUPERMICRO, BOARD).classCode(0x060400).revision(0x03)
                .secondaryBus(0x05).behind(PciAddress.parse("0000:00:1c.0")).iommuGroup(6));
        host.add(socket0.function("0000:05:00.0").ids(0x1a03, 0x2000).subsystem(SUPERMICRO, BOARD).classCode(0x030000).revision(0x30)
                .driver("ast").bootVga(true).behind(PciAddress.parse("0000:04:00.0")).iommuGroup(6));
        // GIM enabled the VFs itself (pci_enable_sriov at load); it exposes vf_load_status on each,
        // which reads empty while the VF is not on the scheduler's run list
        for (PciAddress vf : host.enableVfs(GPU, VFS, vf -> { })) {
            host.writeText(host.relativeDevice(vf) + "/vf_load_status", "");
        }

        // loaded as "modprobe gim vf_num=4 pf_fb=256 vf_fb=0 fb_option=0 sched_option=0 sched_interval=0":
        // a parameter not given on the command line keeps (uint)-1; /etc/gim_config holds the effective values
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("vf_num", Integer.toString(VFS));
        parameters.put("pf_fb", "256");
        parameters.put("vf_fb", "0");
        parameters.put("fb_option", "0");
        parameters.put("sched_option", "0");
        parameters.put("sched_interval", "0");
        parameters.put("fb_clear", UNSET);
        host.module("gim", parameters);
        host.driverModule("gim", "gim");
        host.writeText("sys/bus/pci/drivers/gim/sriov", "");
        host.writeText("etc/gim_config", "fb_option=0\nsched_option=0\nvf_num=4\npf_fb=256\nvf_fb=0\nsched_interval=0\nfb_clear=1\n");
        host.module("vfio", Map.of());
        host.module("vfio_pci", Map.of("disable_idle_d3", "N"));
        host.module("vfio_iommu_type1", Map.of("allow_unsafe_interrupts", "N"));
        host.driver("vfio-pci");
        host.driverModule("vfio-pci", "vfio_pci");
        host.drmCard(PciAddress.parse("0000:05:00.0"), 0);
        host.deviceNode("kvm");
        host.deviceNode("vfio/vfio");
        host.deviceNode("dri/card0");
        return host;
    }
}
