package io.libvfio.backend.intel.gvtg;

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

/** Simulated Intel iGPU hosts with the values of sysfs-spec §3, and the runtime over them. */
final class IntelHosts
{
    static final PciAddress IGPU = PciAddress.parse("0000:00:02.0");
    static final String CREATED = "83b8f4f2-509f-382f-3c1e-e6bfe0fa1001";

    private static final String PCI_IDS = """
            8086  Intel Corporation
            \t3e92  CoffeeLake-S GT2 [UHD Graphics 630]
            \t4680  AlderLake-S GT1
            10de  NVIDIA Corporation
            \t1b80  GP104 [GeForce GTX 1080]""";

    private IntelHosts()
    {
    }

    static String description(int lowGm, int highGm, String resolution, int weight)
    {
        return "low_gm_size: %dMB\nhigh_gm_size: %dMB\nfence: 4\nresolution: %s\nweight: %d".formatted(lowGm, highGm, resolution, weight);
    }

    static SimulatedHost empty(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "BOOT_IMAGE=/vmlinuz intel_iommu=on i915.enable_gvt=1");
        host.writeAttribute("usr/share/misc/pci.ids", PCI_IDS);
        host.numaNode(0, "0-7", 32_768_000, 0, 0, 0, 0);
        return host;
    }

    /** A Coffee Lake iGPU without its mdev parent: the caller sets the module state. */
    static SimulatedHost coffeeLake(Path root, int deviceId)
    {
        SimulatedHost host = empty(root);
        host.add(SimulatedHost.function(IGPU.toString()).ids(0x8086, deviceId).subsystem(0x1043, 0x8694).classCode(0x030000)
                .driver("i915").iommuGroup(0).localCpus("0-7").bootVga(true));
        return host;
    }

    static void modules(SimulatedHost host, String enableGvt, boolean kvmgt)
    {
        host.writeAttribute("sys/module/i915/parameters/enable_gvt", enableGvt);
        host.writeAttribute("sys/module/i915/parameters/enable_guc", "-1");
        if (kvmgt) {
            host.writeAttribute("sys/module/kvmgt/refcnt", "0");
        }
    }

    /** Coffee Lake with GVT-g on: three types, one V5_8 vGPU already created. */
    static SimulatedHost gvtOn(Path root)
    {
        SimulatedHost host = coffeeLake(root, 0x3e92);
        modules(host, "Y", true);
        host.mdevType(IGPU, "i915-GVTg_V5_8", "GVTg_V5_8", description(64, 384, "1024x768", 2), 5);
        host.mdevType(IGPU, "i915-GVTg_V5_4", "GVTg_V5_4", description(128, 512, "1920x1200", 4), 2);
        host.mdevType(IGPU, "i915-GVTg_V5_2", "GVTg_V5_2", description(256, 1024, "1920x1200", 8), 1);
        createVgpu(host, "i915-GVTg_V5_8");
        return host;
    }

    static void createVgpu(SimulatedHost host, String type)
    {
        Path parent = host.realDevice(IGPU);
        try {
            Files.createDirectories(parent.resolve(CREATED));
            Files.createSymbolicLink(parent.resolve("mdev_supported_types/" + type + "/devices/" + CREATED), Path.of("../../../" + CREATED));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VfioRuntime runtime(SimulatedHost host)
    {
        return VfioRuntimes.create(RuntimeOptions.of(host.root()));
    }

    static BackendContext context(SimulatedHost host)
    {
        VfioRuntime runtime = runtime(host);
        BackendProvider provider = runtime.registry().require(IntelGvtgBackendProvider.NAME);
        return runtime.context(provider);
    }

    static IntelGvtgBackend backend(SimulatedHost host)
    {
        return (IntelGvtgBackend) new IntelGvtgBackendProvider().create(context(host));
    }
}
