package io.libvfio.backend.amd.gim;

import io.libvfio.api.PciAddress;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.inject.VfioRuntimes;
import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;
import java.util.List;

/** Simulated AMD hosts with the ids, files and values of sysfs-spec §6, and the runtime over them. */
final class AmdHosts
{
    static final PciAddress S7150 = PciAddress.parse("0000:03:00.0");
    static final PciAddress MI300X_0 = PciAddress.parse("0000:0c:00.0");
    static final PciAddress MI300X_1 = PciAddress.parse("0000:1c:00.0");
    static final PciAddress RX580 = PciAddress.parse("0000:0a:00.0");
    /** An unset legacy GIM parameter: uint -1. */
    static final String UNSET = "4294967295";
    /** What legacy GIM writes to /etc/gim_config at load ({@code save_config}). */
    static final String GIM_CONFIG = "fb_option=0\nsched_option=0\nvf_num=4\npf_fb=0\nvf_fb=0\nsched_interval=0\nfb_clear=0";

    private static final String PCI_IDS = """
            1002  Advanced Micro Devices, Inc. [AMD/ATI]
            \t67df  Ellesmere [Radeon RX 470/480/570/570X/580/580X/590]
            \t6929  Tonga XT GL [FirePro S7150]
            \t692f  Tonga XTV GL [FirePro S7150V]""";

    private AmdHosts()
    {
    }

    static SimulatedHost empty(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "BOOT_IMAGE=/vmlinuz amd_iommu=on iommu=pt modprobe.blacklist=amdgpu");
        host.writeAttribute("usr/share/misc/pci.ids", PCI_IDS);
        host.numaNode(0, "0-15", 65_536_000, 0, 0, 0, 0);
        host.numaNode(1, "16-31", 65_536_000, 0, 0, 0, 0);
        return host;
    }

    /** A FirePro S7150 under legacy GIM with vf_num=4: VF 0 on vfio-pci, VF 3 on amdgpu, the others unbound. */
    static SimulatedHost s7150(Path root)
    {
        SimulatedHost host = empty(root);
        host.add(SimulatedHost.function(S7150.toString()).ids(0x1002, 0x6929).subsystem(0x1002, 0x0335).classCode(0x038000)
                .driver("gim").iommuGroup(10).numaNode(1).localCpus("16-31").sriov(16, 16, 1, 0x692f));
        legacyParameters(host, UNSET, UNSET);
        host.writeAttribute("etc/gim_config", GIM_CONFIG);
        List<PciAddress> vfs = host.enableVfs(S7150, 4, vf -> {
        });
        host.bindDriver(vfs.get(0), "vfio-pci");
        host.bindDriver(vfs.get(3), "amdgpu");
        return host;
    }

    static void legacyParameters(SimulatedHost host, String vfFb, String schedInterval)
    {
        String parameters = "sys/module/gim/parameters/";
        host.writeAttribute(parameters + "vf_num", "4");
        host.writeAttribute(parameters + "pf_fb", UNSET);
        host.writeAttribute(parameters + "vf_fb", vfFb);
        host.writeAttribute(parameters + "fb_option", UNSET);
        host.writeAttribute(parameters + "sched_option", UNSET);
        host.writeAttribute(parameters + "sched_interval", schedInterval);
        host.writeAttribute(parameters + "fb_clear", UNSET);
    }

    /** Two MI300X under the open-source GIM, one VF each; the second GPU's vf_num element is not a number. */
    static SimulatedHost mi300x(Path root)
    {
        SimulatedHost host = empty(root);
        for (PciAddress gpu : List.of(MI300X_0, MI300X_1)) {
            host.add(SimulatedHost.function(gpu.toString()).ids(0x1002, 0x74a1).subsystem(0x1002, 0x74a1).classCode(0x038000)
                    .driver("gim").iommuGroup(gpu.bus()).numaNode(gpu.equals(MI300X_0) ? 0 : 1).sriov(8, 16, 1, 0x74b5));
            host.enableVfs(gpu, 1, vf -> {
            });
        }
        host.writeAttribute("sys/module/gim/parameters/vf_num", "1,abc");
        host.writeAttribute("sys/module/gim/parameters/pf_fb_size", "512,512");
        host.writeAttribute("sys/module/gim/parameters/sch_policy", "4,4");
        return host;
    }

    static SimulatedHost rx580(Path root)
    {
        SimulatedHost host = empty(root);
        host.add(SimulatedHost.function(RX580.toString()).ids(0x1002, 0x67df).subsystem(0x1da2, 0xe366).classCode(0x030000)
                .driver("amdgpu").iommuGroup(14).bootVga(false));
        host.add(SimulatedHost.function("0000:0a:00.1").ids(0x1002, 0xaaf0).classCode(0x040300).driver("snd_hda_intel").iommuGroup(14));
        return host;
    }

    static VfioRuntime runtime(SimulatedHost host)
    {
        return VfioRuntimes.create(RuntimeOptions.of(host.root()));
    }

    static BackendContext context(SimulatedHost host)
    {
        VfioRuntime runtime = runtime(host);
        BackendProvider provider = runtime.registry().require(AmdGimBackendProvider.NAME);
        return runtime.context(provider);
    }

    static AmdGimBackend backend(SimulatedHost host)
    {
        return (AmdGimBackend) new AmdGimBackendProvider().create(context(host));
    }
}
