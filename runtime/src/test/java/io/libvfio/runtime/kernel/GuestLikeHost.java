package io.libvfio.runtime.kernel;

import io.libvfio.api.PciAddress;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.PciFunctionSpec;
import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;

/**
 * A simulated host built to look like the guest of {@code examples/testbed/kernel-tests.sh}:
 * QEMU's q35 machine with a virtual Intel IOMMU, three virtio-9p functions (the host's root,
 * the run directory and the writable {@code target/}), a PCIe root port at 00:10.0 with QEMU's
 * SR-IOV NVMe controller behind it, the ICH9 functions (AHCI on {@code ahci}), {@code vfio-pci}
 * loaded, and the virtual parents of the kernel's sample mdev drivers. Values are those a real
 * 6.1 guest shows; {@code DiscoveryContract} compares the two.
 */
final class GuestLikeHost
{
    static final String HOST_BRIDGE = "0000:00:00.0";
    static final String ROOT_PORT = "0000:00:10.0";
    static final String LPC = "0000:00:1f.0";
    static final String SATA = "0000:00:1f.2";
    static final String SMBUS = "0000:00:1f.3";
    static final String NVME_PF = "0000:01:00.0";
    /** A PCI address no function has. */
    static final String MISSING = "0000:09:00.0";

    /** The NVMe controller's SR-IOV: 4 VFs at offset 1, stride 1, device 0x0010 (vendor 0x1b36). */
    static final int TOTAL_VFS = 4;
    static final int VF_DEVICE = 0x0010;
    /** mbochs' video memory ({@code count}, 256 MB) and each type's share. */
    static final int MBOCHS_MEGABYTES = 256;

    private static final int QEMU_SUBSYSTEM = 0x1af4;
    private static final int QEMU_SUBSYSTEM_DEVICE = 0x1100;

    private GuestLikeHost()
    {
    }

    /** The guest's tree under {@code root}, with a fake kernel over it. */
    static FakeKernel kernel(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "console=ttyS0 intel_iommu=on");
        host.numaNode(0, "0-1", 2_000_000, 0, 0, 0, 0);
        host.add(function(HOST_BRIDGE, 0x8086, 0x29c0, 0x060000, 0x00).iommuGroup(0));
        for (int slot = 1; slot <= 3; slot++) {
            host.add(SimulatedHost.function("0000:00:%02x.0".formatted(slot)).ids(0x1af4, 0x1009).subsystem(0x1af4, 0x0009).classCode(0x000200)
                    .localCpus("0-1").driver("virtio-pci").iommuGroup(slot));
        }
        host.add(SimulatedHost.function(ROOT_PORT).ids(0x1b36, 0x000c).subsystem(0x1b36, 0x0000).classCode(0x060400).localCpus("0-1")
                .secondaryBus(1).driver("pcieport").iommuGroup(4));
        host.add(function(LPC, 0x8086, 0x2918, 0x060100, 0x02).iommuGroup(5));
        host.add(function(SATA, 0x8086, 0x2922, 0x010601, 0x02).driver("ahci").iommuGroup(5));
        host.add(function(SMBUS, 0x8086, 0x2930, 0x0c0500, 0x02).iommuGroup(5));
        host.add(function(NVME_PF, 0x1b36, 0x0010, 0x010802, 0x02).behind(PciAddress.parse(ROOT_PORT))
                .sriov(TOTAL_VFS, 1, 1, VF_DEVICE).driver("nvme").iommuGroup(6));
        host.driver("vfio-pci");
        host.deviceNode("vfio/vfio");
        mdevSamples(host);
        // QEMU's NVMe VFs have no queues until the PF assigns them some: nvme's probe fails and
        // leaves them unbound, as if they had no driver.
        return FakeKernel.on(host).vfDriver("nvme", null);
    }

    private static PciFunctionSpec function(String address, int vendor, int device, int classCode, int revision)
    {
        return SimulatedHost.function(address).ids(vendor, device).subsystem(QEMU_SUBSYSTEM, QEMU_SUBSYSTEM_DEVICE).classCode(classCode)
                .revision(revision).localCpus("0-1");
    }

    /** mbochs, mdpy and mtty as their 6.1 modules register them, with their default sizes. */
    private static void mdevSamples(SimulatedHost host)
    {
        host.virtualMdevParent("mbochs");
        host.mdevType("mbochs", "mbochs-large", "mbochs-large", "virtual display, 64 MB video memory", 4);
        host.mdevType("mbochs", "mbochs-medium", "mbochs-medium", "virtual display, 16 MB video memory", 16);
        host.mdevType("mbochs", "mbochs-small", "mbochs-small", "virtual display, 4 MB video memory", 64);
        host.virtualMdevParent("mdpy");
        host.mdevType("mdpy", "mdpy-hd", "mdpy-hd", "virtual display, 1920x1080 framebuffer", 4);
        host.mdevType("mdpy", "mdpy-vga", "mdpy-vga", "virtual display, 640x480 framebuffer", 4);
        host.mdevType("mdpy", "mdpy-xga", "mdpy-xga", "virtual display, 1024x768 framebuffer", 4);
        host.virtualMdevParent("mtty");
        host.mdevType("mtty", "mtty-1", "Single port serial", null, 24);
        host.mdevType("mtty", "mtty-2", "Dual port serial", null, 12);
    }
}
