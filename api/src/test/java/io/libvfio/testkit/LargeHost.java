package io.libvfio.testkit;

import io.libvfio.api.PciAddress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A large generated host for benchmarks: {@code pfs} NVIDIA L40S PFs on two NUMA nodes, each
 * with {@code vfsPerPf} VFs enabled, every VF on {@code nvidia} in its own IOMMU group with the
 * vendor-VFIO {@code nvidia/} files. The default 8 x 250 gives 2,008 PCI functions. Written
 * fresh each time; never committed.
 */
public final class LargeHost
{
    public static final int DEFAULT_PFS = 8;
    public static final int DEFAULT_VFS_PER_PF = 250;

    private static final String NODE0_CPUS = "0-31";
    private static final String NODE1_CPUS = "32-63";
    private static final int PFS_PER_DOMAIN = 100;

    private LargeHost()
    {
    }

    /** Writes the host under {@code root} (which must be empty or absent). */
    public static SimulatedHost write(Path root, int pfs, int vfsPerPf)
    {
        if (pfs < 1 || vfsPerPf < 0 || vfsPerPf > 250) {
            throw new IllegalArgumentException("need pfs >= 1 and 0 <= vfsPerPf <= 250, got " + pfs + " and " + vfsPerPf);
        }
        SimulatedHost host = SimulatedHost.create(root, "BOOT_IMAGE=/boot/vmlinuz-6.8.0-45-generic root=UUID=5d0f4a1e-8c39-4b7e-9a51-2f6c0d7e3b91 ro intel_iommu=on iommu=pt");
        host.numaNode(0, NODE0_CPUS, 263855172L, 0, 0, 64, 64);
        host.numaNode(1, NODE1_CPUS, 264182912L, 0, 0, 64, 64);
        host.module("nvidia", Map.of());
        host.driverModule("nvidia", "nvidia");
        host.deviceNode("vfio/vfio");
        int group = 0;
        for (int index = 0; index < pfs; index++) {
            int node = index < (pfs + 1) / 2 ? 0 : 1;
            PciAddress address = new PciAddress(index / PFS_PER_DOMAIN, 0x20 + 2 * (index % PFS_PER_DOMAIN), 0, 0);
            host.add(SimulatedHost.function(address.toString())
                    .ids(0x10de, 0x26b9).subsystem(0x10de, 0x1851).classCode(0x030200).revision(0xa1)
                    .driver("nvidia").numaNode(node).localCpus(node == 0 ? NODE0_CPUS : NODE1_CPUS)
                    .iommuGroup(group++)
                    .sriov(vfsPerPf, 4, 1, 0x26b9));
            if (vfsPerPf > 0) {
                List<PciAddress> vfs = host.enableVfs(address, vfsPerPf, NvidiaVgpu.vendorVfioVf(NvidiaVgpu.L40S_TYPES));
                group += vfs.size();
            }
        }
        return host;
    }

    /** {@code LargeHost <dir> [pfs] [vfsPerPf]}: writes the host into {@code dir}, replacing what is there. */
    public static void main(String[] args) throws Exception
    {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: LargeHost <dir> [pfs (default " + DEFAULT_PFS + ")] [vfsPerPf (default " + DEFAULT_VFS_PER_PF + ")]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        int pfs = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_PFS;
        int vfs = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_VFS_PER_PF;
        SimulatedHost.deleteTree(root);
        Files.createDirectories(root);
        long start = System.nanoTime();
        write(root, pfs, vfs);
        System.out.printf("wrote %d PCI functions under %s in %d ms%n", pfs * (1 + vfs), root, (System.nanoTime() - start) / 1_000_000);
    }
}
