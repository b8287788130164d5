package io.libvfio.backend.intel.sriov;

import io.libvfio.api.PciAddress;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.inject.VfioRuntimes;
import io.libvfio.testkit.SimulatedHost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Simulated Intel SR-IOV hosts with the files and values of sysfs-spec §4, and the runtime over them. */
final class SriovHosts
{
    static final PciAddress IGPU = PciAddress.parse("0000:00:02.0");
    static final PciAddress FLEX = PciAddress.parse("0000:4d:00.0");
    static final PciAddress BMG = PciAddress.parse("0000:03:00.0");
    static final String ADL_IOV = "sys/bus/pci/devices/0000:00:02.0/drm/card0/prelim_iov/";
    static final String FLEX_IOV = "sys/bus/pci/devices/0000:4d:00.0/drm/card1/prelim_iov/";
    static final String BMG_ADMIN = "sys/bus/pci/devices/0000:03:00.0/sriov_admin/";
    /** 3860 MiB of GGTT. */
    static final long ADL_GGTT = 4_047_503_360L;
    /** 14 GiB of provisionable local memory. */
    static final long FLEX_LMEM = 15_032_385_536L;

    private static final String PCI_IDS = """
            8086  Intel Corporation
            \t3e92  CoffeeLake-S GT2 [UHD Graphics 630]
            \t4680  AlderLake-S GT1
            \t56c0  Data Center GPU Flex 170""";

    private SriovHosts()
    {
    }

    static SimulatedHost empty(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "BOOT_IMAGE=/vmlinuz intel_iommu=on i915.enable_guc=3 i915.max_vfs=7");
        host.writeAttribute("usr/share/misc/pci.ids", PCI_IDS);
        host.numaNode(0, "0-15", 65_536_000, 0, 0, 0, 0);
        host.numaNode(1, "16-31", 65_536_000, 0, 0, 0, 0);
        return host;
    }

    /** An Alder Lake iGPU on i915-sriov-dkms in PF mode, 7 VFs allowed, none enabled. */
    static SimulatedHost alderLake(Path root)
    {
        return addAlderLake(empty(root));
    }

    static SimulatedHost addAlderLake(SimulatedHost host)
    {
        host.add(SimulatedHost.function(IGPU.toString()).ids(0x8086, 0x4680).subsystem(0x1043, 0x8882).classCode(0x030000)
                .driver("i915").iommuGroup(0).localCpus("0-15").bootVga(true).sriov(7, 1, 1, 0x4680));
        host.writeAttribute("sys/bus/pci/devices/0000:00:02.0/drm/renderD128/dev", "226:128");
        host.writeAttribute(ADL_IOV + "mode", "SR-IOV PF");
        host.writeAttribute(ADL_IOV + "pf/auto_provisioning", "1");
        host.writeAttribute(ADL_IOV + "pf/gt0/exec_quantum_ms", "0");
        host.writeAttribute(ADL_IOV + "pf/gt0/preempt_timeout_us", "0");
        host.writeAttribute(ADL_IOV + "pf/gt0/available/ggtt_free", Long.toString(ADL_GGTT));
        host.writeAttribute(ADL_IOV + "pf/gt0/available/ggtt_max_quota", Long.toString(ADL_GGTT));
        host.writeAttribute(ADL_IOV + "pf/gt0/available/contexts_free", "65519");
        host.writeAttribute(ADL_IOV + "pf/gt0/available/doorbells_free", "239");
        for (int vf = 1; vf <= 7; vf++) {
            host.writeAttribute(ADL_IOV + "vf" + vf + "/id", Integer.toString(vf));
            host.writeAttribute(ADL_IOV + "vf" + vf + "/gt0/ggtt_quota", "0");
            host.writeAttribute(ADL_IOV + "vf" + vf + "/gt0/exec_quantum_ms", "0");
        }
        return host;
    }

    /** A Data Center GPU Flex 170 on Intel's i915 backports (single tile: {@code gt}), 31 VFs allowed. */
    static SimulatedHost flex(Path root)
    {
        return addFlex(empty(root));
    }

    static SimulatedHost addFlex(SimulatedHost host)
    {
        host.add(SimulatedHost.function(FLEX.toString()).ids(0x8086, 0x56c0).subsystem(0x8086, 0x4905).classCode(0x038000)
                .driver("i915").iommuGroup(60).numaNode(1).localCpus("16-31").sriov(31, 1, 1, 0x56c0));
        host.writeAttribute(FLEX_IOV + "mode", "SR-IOV PF");
        host.writeAttribute(FLEX_IOV + "pf/gt/exec_quantum_ms", "0");
        host.writeAttribute(FLEX_IOV + "pf/gt/available/lmem_free", Long.toString(FLEX_LMEM));
        host.writeAttribute(FLEX_IOV + "pf/gt/available/lmem_max_quota", Long.toString(FLEX_LMEM));
        host.writeAttribute(FLEX_IOV + "pf/gt/available/ggtt_free", "4160749568");
        host.writeAttribute(FLEX_IOV + "pf/gt/available/ggtt_max_quota", "4160749568");
        for (int vf = 1; vf <= 31; vf++) {
            host.writeAttribute(FLEX_IOV + "vf" + vf + "/gt/lmem_quota", "0");
            host.writeAttribute(FLEX_IOV + "vf" + vf + "/gt/ggtt_quota", "0");
        }
        link(host, "sys/bus/pci/devices/0000:4d:00.0/drm/card1/iov", "prelim_iov");
        return host;
    }

    /**
     * The Flex provisioned and enabled as XPU Manager does (sysfs-spec §4.1): 8 VFs of 1792 MiB,
     * exec quantum 20 ms; two VFs on vfio-pci, one on the host's i915, the others unbound.
     */
    static SimulatedHost flexWithEightVfs(Path root)
    {
        SimulatedHost host = flex(root);
        host.writeAttribute(FLEX_IOV + "pf/gt/available/lmem_free", "0");
        host.writeAttribute(FLEX_IOV + "pf/gt/available/lmem_max_quota", "0");
        host.writeAttribute(FLEX_IOV + "pf/gt/exec_quantum_ms", "20");
        for (int vf = 1; vf <= 8; vf++) {
            host.writeAttribute(FLEX_IOV + "vf" + vf + "/gt/lmem_quota", Long.toString(FLEX_LMEM / 8));
        }
        List<PciAddress> vfs = host.enableVfs(FLEX, 8, vf -> {
        });
        host.bindDriver(vfs.get(0), "vfio-pci");
        host.bindDriver(vfs.get(1), "vfio-pci");
        host.bindDriver(vfs.get(2), "i915");
        return host;
    }

    /** An Arc B580 on xe with {@code sriov_admin} (6.19+), 12 VFs allowed. */
    static SimulatedHost battlemage(Path root, int deviceId)
    {
        SimulatedHost host = empty(root);
        host.add(SimulatedHost.function(BMG.toString()).ids(0x8086, deviceId).subsystem(0x8086, 0x1100).classCode(0x030000)
                .driver("xe").iommuGroup(20).numaNode(0).localCpus("0-15").sriov(12, 4, 1, deviceId));
        host.writeAttribute(BMG_ADMIN + "pf/profile/exec_quantum_ms", "0");
        host.writeAttribute(BMG_ADMIN + "pf/profile/preempt_timeout_us", "0");
        host.writeAttribute(BMG_ADMIN + "pf/profile/sched_priority", "[low] normal high");
        for (int vf = 1; vf <= 12; vf++) {
            host.writeAttribute(BMG_ADMIN + "vf" + vf + "/profile/exec_quantum_ms", "0");
            host.writeAttribute(BMG_ADMIN + "vf" + vf + "/profile/vram_quota", "0");
        }
        return host;
    }

    static SimulatedHost coffeeLake(Path root)
    {
        SimulatedHost host = empty(root);
        host.add(SimulatedHost.function(IGPU.toString()).ids(0x8086, 0x3e92).classCode(0x030000).driver("i915").iommuGroup(0).bootVga(true));
        return host;
    }

    static void link(SimulatedHost host, String link, String target)
    {
        try {
            Files.createSymbolicLink(host.root().resolve(link), Path.of(target));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VfioRuntime runtime(SimulatedHost host, Map<String, String> settings)
    {
        return VfioRuntimes.create(new RuntimeOptions(host.root(), Optional.empty(), settings));
    }

    static VfioRuntime runtime(SimulatedHost host)
    {
        return runtime(host, Map.of());
    }

    static BackendContext context(SimulatedHost host, Map<String, String> settings)
    {
        VfioRuntime runtime = runtime(host, settings);
        BackendProvider provider = runtime.registry().require(IntelSriovBackendProvider.NAME);
        return runtime.context(provider);
    }

    static IntelSriovBackend backend(SimulatedHost host)
    {
        return backend(host, Map.of());
    }

    static IntelSriovBackend backend(SimulatedHost host, Map<String, String> settings)
    {
        return (IntelSriovBackend) new IntelSriovBackendProvider().create(context(host, settings));
    }
}
