package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.PciAddress;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.inject.VfioRuntimes;
import io.libvfio.testkit.NvidiaVgpu;
import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;
import java.util.List;

/** Simulated NVIDIA hosts with the ids and values of sysfs-spec §5, and the runtime over them. */
final class NvidiaHosts
{
    static final PciAddress RTX6000 = PciAddress.parse("0000:3b:00.0");
    static final PciAddress A10 = PciAddress.parse("0000:41:00.0");
    static final PciAddress L40S = PciAddress.parse("0000:3d:00.0");
    static final PciAddress GTX1080 = PciAddress.parse("0000:01:00.0");
    static final PciAddress IGPU = PciAddress.parse("0000:00:02.0");
    static final PciAddress GVM_TURING = PciAddress.parse("0000:09:00.0");

    static final String CREATABLE_L40S = """
            ID    : vGPU Name
            1145  : NVIDIA L40S-1B
            1147  : NVIDIA L40S-1Q
            1148  : NVIDIA L40S-2Q""";

    private static final String PCI_IDS = """
            10de  NVIDIA Corporation
            \t1b80  GP104 [GeForce GTX 1080]
            \t1e30  TU102GL [Quadro RTX 6000/8000]
            \t2236  GA102GL [A10]
            \t26b9  AD102GL [L40S]
            8086  Intel Corporation
            \t3e92  CoffeeLake-S GT2 [UHD Graphics 630]""";

    private NvidiaHosts()
    {
    }

    static SimulatedHost empty(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "BOOT_IMAGE=/vmlinuz intel_iommu=on iommu=pt");
        host.writeAttribute("usr/share/misc/pci.ids", PCI_IDS);
        host.numaNode(0, "0-15", 65_536_000, 0, 0, 0, 0);
        host.numaNode(1, "16-31", 65_536_000, 0, 0, 0, 0);
        return host;
    }

    static void vgpuHostDriver(SimulatedHost host)
    {
        host.writeAttribute("sys/module/nvidia_vgpu_vfio/refcnt", "0");
    }

    /** A Quadro RTX 6000 with two GRID types and one whose description was cut short. */
    static SimulatedHost rtx6000(Path root)
    {
        return addRtx6000(empty(root));
    }

    static SimulatedHost addRtx6000(SimulatedHost host)
    {
        vgpuHostDriver(host);
        host.add(SimulatedHost.function(RTX6000.toString()).ids(0x10de, 0x1e30).subsystem(0x10de, 0x12ba).classCode(0x030000)
                .driver("nvidia").numaNode(1).localCpus("16-31").iommuGroup(30));
        host.mdevType(RTX6000, "nvidia-256", "GRID RTX6000-1Q",
                "num_heads=4, frl_config=60, framebuffer=1024M, max_resolution=5120x2880, max_instance=24", 24);
        host.mdevType(RTX6000, "nvidia-257", "GRID RTX6000-2Q",
                "num_heads=4, frl_config=60, framebuffer=2048M, max_resolution=7680x4320, max_instance=12", 12);
        host.mdevType(RTX6000, "nvidia-258", "GRID RTX6000-4Q", "num_heads=4, frl_config=60, framebu", 6);
        return host;
    }

    /** An A10 with 4 of its 24 VFs enabled, each VF an mdev parent (Ampere mdev-on-VF, §5.2). */
    static SimulatedHost a10(Path root)
    {
        return addA10(empty(root));
    }

    static SimulatedHost addA10(SimulatedHost host)
    {
        vgpuHostDriver(host);
        host.add(SimulatedHost.function(A10.toString()).ids(0x10de, 0x2236).subsystem(0x10de, 0x1482).classCode(0x030200)
                .driver("nvidia").numaNode(0).localCpus("0-15").iommuGroup(40).sriov(24, 4, 1, 0x2236));
        List<PciAddress> vfs = host.enableVfs(A10, 4, vf -> vf.driver("nvidia"));
        for (PciAddress vf : vfs) {
            host.mdevType(vf, "nvidia-588", "NVIDIA A10-4Q",
                    "num_heads=4, frl_config=60, framebuffer=4096M, max_resolution=7680x4320, max_instance=6", vf.equals(vfs.get(0)) ? 0 : 1);
            host.mdevType(vf, "nvidia-589", "NVIDIA A10-6Q",
                    "num_heads=4, frl_config=60, framebuffer=6144M, max_resolution=7680x4320, max_instance=4", vf.equals(vfs.get(0)) ? 0 : 1);
        }
        return host;
    }

    /** An L40S on the vGPU 17+ vendor-VFIO framework with 4 VFs; the second VF holds an L40S-2Q. */
    static SimulatedHost l40s(Path root)
    {
        return addL40s(empty(root));
    }

    static SimulatedHost addL40s(SimulatedHost host)
    {
        host.add(SimulatedHost.function(L40S.toString()).ids(0x10de, 0x26b9).subsystem(0x10de, 0x1851).classCode(0x030200)
                .driver("nvidia").numaNode(0).localCpus("0-15").iommuGroup(50).sriov(32, 4, 1, 0x26b9));
        List<PciAddress> vfs = host.enableVfs(L40S, 4, vf -> vf.driver("nvidia"));
        for (int index = 0; index < vfs.size(); index++) {
            String directory = "sys/bus/pci/devices/" + vfs.get(index) + "/nvidia/";
            host.writeAttribute(directory + "creatable_vgpu_types", index == 1 ? "ID    : vGPU Name" : CREATABLE_L40S);
            host.writeAttribute(directory + "current_vgpu_type", index == 1 ? "1148" : "0");
        }
        return host;
    }

    /** An L40S on vGPU 17+ with 4 VFs, none holding a vGPU, each listing the whole L40S catalogue. */
    static SimulatedHost l40sFree(Path root)
    {
        SimulatedHost host = empty(root);
        host.add(SimulatedHost.function(L40S.toString()).ids(0x10de, 0x26b9).subsystem(0x10de, 0x1851).classCode(0x030200)
                .driver("nvidia").numaNode(0).localCpus("0-15").iommuGroup(50).sriov(32, 4, 1, 0x26b9));
        host.enableVfs(L40S, 4, NvidiaVgpu.vendorVfioVf(NvidiaVgpu.L40S_TYPES));
        return host;
    }

    /**
     * An L40S on vGPU 17+ with 4 VFs where the second holds an L40S-2Q: that VF lists nothing, the
     * free ones only the type the GPU runs (homogeneous, sysfs-spec §5.3).
     */
    static SimulatedHost l40sRunning(Path root)
    {
        SimulatedHost host = l40sFree(root);
        List<PciAddress> vfs = List.of(PciAddress.parse("0000:3d:00.4"), PciAddress.parse("0000:3d:00.5"), PciAddress.parse("0000:3d:00.6"),
                PciAddress.parse("0000:3d:00.7"));
        for (int index = 0; index < vfs.size(); index++) {
            String directory = "sys/bus/pci/devices/" + vfs.get(index) + "/nvidia/";
            host.writeAttribute(directory + "creatable_vgpu_types", index == 1 ? NvidiaVgpu.CREATABLE_HEADER
                    : NvidiaVgpu.creatableVgpuTypes(List.of(new NvidiaVgpu.TypeRow(1148, "NVIDIA L40S-2Q"))));
            host.writeAttribute(directory + "current_vgpu_type", index == 1 ? "1148" : "0");
        }
        return host;
    }

    /**
     * A GeForce RTX 2080 Ti with the three types the Open_vTuring GVM profile registers: GVM gives
     * each 896 + 128 MiB, 4 heads at 3840x2160, 10 instances (libvfio-original §7.1).
     */
    static SimulatedHost gvmTuring(Path root)
    {
        SimulatedHost host = empty(root);
        vgpuHostDriver(host);
        host.add(SimulatedHost.function(GVM_TURING.toString()).ids(0x10de, 0x1e07).subsystem(0x1462, 0x3715).classCode(0x030000)
                .driver("nvidia").numaNode(0).localCpus("0-15").iommuGroup(1).bootVga(false));
        String description = NvidiaVgpu.mdevDescription(4, 120, 1024, 3840, 2160, 10);
        host.mdevType(GVM_TURING, "nvidia-1", "GVM [Geforce /10]", description, 10);
        host.mdevType(GVM_TURING, "nvidia-2", "GVM [NVS /10]", description, 10);
        host.mdevType(GVM_TURING, "nvidia-3", "GVM [Quadro /10]", description, 10);
        return host;
    }

    /** A GeForce GTX 1080 on nouveau: nothing to share. */
    static SimulatedHost gtx1080(Path root)
    {
        return addGtx1080(empty(root));
    }

    static SimulatedHost addGtx1080(SimulatedHost host)
    {
        host.add(SimulatedHost.function(GTX1080.toString()).ids(0x10de, 0x1b80).subsystem(0x1043, 0x8591).classCode(0x030000)
                .driver("nouveau").numaNode(0).iommuGroup(1).bootVga(false));
        host.add(SimulatedHost.function("0000:01:00.1").ids(0x10de, 0x10f0).classCode(0x040300).driver("snd_hda_intel").iommuGroup(1));
        return host;
    }

    static SimulatedHost intelOnly(Path root)
    {
        SimulatedHost host = empty(root);
        host.add(SimulatedHost.function(IGPU.toString()).ids(0x8086, 0x3e92).classCode(0x030000).driver("i915").iommuGroup(0).bootVga(true));
        return host;
    }

    static VfioRuntime runtime(SimulatedHost host)
    {
        return VfioRuntimes.create(RuntimeOptions.of(host.root()));
    }

    static BackendContext context(SimulatedHost host)
    {
        VfioRuntime runtime = runtime(host);
        BackendProvider provider = runtime.registry().require(NvidiaGvmBackendProvider.NAME);
        return runtime.context(provider);
    }

    static NvidiaGvmBackend backend(SimulatedHost host)
    {
        return (NvidiaGvmBackend) new NvidiaGvmBackendProvider().create(context(host));
    }
}
