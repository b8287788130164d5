package io.libvfio.examples.hosts;

import io.libvfio.api.PciAddress;
import io.libvfio.testkit.SimulatedHost;

/**
 * The non-GPU functions of a Cascade Lake Xeon server board with a C621 PCH (in the style of a
 * Supermicro X11 board): host bridge, SATA, LPC/SMBus/SPI, the BMC's ASPEED VGA (the boot VGA,
 * behind its AST1150 bridge), a dual-port X710 NIC and an NVMe drive on socket 0.
 */
final class XeonServerPlatform
{
    private static final int SUPERMICRO = 0x15d9;
    private static final int BOARD = 0x0937;

    private XeonServerPlatform()
    {
    }

    /**
     * Adds the platform functions on socket 0 in IOMMU groups {@code firstGroup ..}.
     *
     * @return the next free IOMMU group number
     */
    static int add(SimulatedHost host, Placement socket0, int firstGroup)
    {
        int group = firstGroup;
        host.add(socket0.function("0000:00:00.0").ids(0x8086, 0x2020).subsystem(SUPERMICRO, BOARD).classCode(0x060000).revision(0x07)
                .iommuGroup(group++));
        host.add(socket0.function("0000:00:17.0").ids(0x8086, 0xa182).subsystem(SUPERMICRO, BOARD).classCode(0x010601).revision(0x09)
                .driver("ahci").iommuGroup(group++));
        host.add(socket0.port("0000:00:1c.0", 0x8086, 0xa190, 0xf9, 0x02).iommuGroup(group++));
        int bmcGroup = group++;
        host.add(socket0.function("0000:02:00.0").ids(0x1a03, 0x1150).subsystem(SUPERMICRO, BOARD).classCode(0x060400).revision(0x04)
                .secondaryBus(0x03).behind(PciAddress.parse("0000:00:1c.0")).iommuGroup(bmcGroup));
        host.add(socket0.function("0000:03:00.0").ids(0x1a03, 0x2000).subsystem(SUPERMICRO, BOARD).classCode(0x030000).revision(0x41)
                .driver("ast").bootVga(true).behind(PciAddress.parse("0000:02:00.0")).iommuGroup(bmcGroup));
        int pchGroup = group++;
        host.add(socket0.function("0000:00:1f.0").ids(0x8086, 0xa1c1).subsystem(SUPERMICRO, BOARD).classCode(0x060100).revision(0x09)
                .iommuGroup(pchGroup));
        host.add(socket0.function("0000:00:1f.4").ids(0x8086, 0xa1a3).subsystem(SUPERMICRO, BOARD).classCode(0x0c0500).revision(0x09)
                .driver("i801_smbus").iommuGroup(pchGroup));
        host.add(socket0.function("0000:00:1f.5").ids(0x8086, 0xa1a4).subsystem(SUPERMICRO, BOARD).classCode(0x0c8000).revision(0x09)
                .iommuGroup(pchGroup));
        host.add(socket0.port("0000:17:00.0", 0x8086, 0x2030, 0x07, 0x18).iommuGroup(group++));
        host.add(socket0.port("0000:17:01.0", 0x8086, 0x2031, 0x07, 0x19).iommuGroup(group++));
        int nicGroup = group++;
        host.add(socket0.function("0000:18:00.0").ids(0x8086, 0x1572).subsystem(0x8086, 0x0007).classCode(0x020000).revision(0x02)
                .driver("i40e").behind(PciAddress.parse("0000:17:00.0")).iommuGroup(nicGroup));
        host.add(socket0.function("0000:18:00.1").ids(0x8086, 0x1572).subsystem(0x8086, 0x0007).classCode(0x020000).revision(0x02)
                .driver("i40e").behind(PciAddress.parse("0000:17:00.0")).iommuGroup(nicGroup));
        host.add(socket0.function("0000:19:00.0").ids(0x144d, 0xa808).subsystem(0x1d49, 0x403b).classCode(0x010802).revision(0x00)
                .driver("nvme").behind(PciAddress.parse("0000:17:01.0")).iommuGroup(group++));
        host.drmCard(PciAddress.parse("0000:03:00.0"), 0);
        return group;
    }
}
