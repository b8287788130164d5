package io.libvfio.runtime.vgpu;

import io.libvfio.api.PciAddress;
import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.runtime.RuntimeAssembly;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.host.RuntimeDirectories;
import io.libvfio.runtime.passthrough.PassthroughBackendProvider;
import io.libvfio.runtime.registry.BackendRegistry;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Simulated hosts for the vGPU runtime's tests, and a runtime over a fake kernel with the test backend and passthrough. */
final class VgpuHosts
{
    static final PciAddress BRIDGE = PciAddress.parse("0000:00:01.0");
    static final PciAddress GPU = PciAddress.parse("0000:01:00.0");
    static final PciAddress AUDIO = PciAddress.parse("0000:01:00.1");
    static final PciAddress BOOT_GPU = PciAddress.parse("0000:02:00.0");
    static final PciAddress P40 = PciAddress.parse("0000:3b:00.0");
    static final String P40_TYPE = "nvidia-46";
    static final PciAddress SRIOV_PF = PciAddress.parse("0000:03:00.0");
    static final PciAddress FIRST_VF = PciAddress.parse("0000:03:00.1");

    private VgpuHosts()
    {
    }

    /**
     * A GPU on {@code nvidia} with its HDMI audio on {@code snd_hda_intel} (IOMMU group 1, behind
     * a root port in group 0), a second GPU that is the boot VGA (group 2), and vfio-pci loaded.
     */
    static SimulatedHost passthrough(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "intel_iommu=on");
        host.numaNode(0, "0-7", 16_000_000L, 0, 0, 0, 0);
        host.numaNode(1, "8-15", 16_000_000L, 512, 256, 0, 0);
        host.add(SimulatedHost.function(BRIDGE.toString()).ids(0x8086, 0x1901).classCode(0x060400).driver("pcieport").iommuGroup(0));
        host.add(SimulatedHost.function(GPU.toString()).ids(0x10de, 0x2204).subsystem(0x10de, 0x1454).classCode(0x030000).bootVga(false)
                .behind(BRIDGE).driver("nvidia").numaNode(0).localCpus("0-7").iommuGroup(1));
        host.add(SimulatedHost.function(AUDIO.toString()).ids(0x10de, 0x1aef).subsystem(0x10de, 0x1454).classCode(0x040300)
                .behind(BRIDGE).driver("snd_hda_intel").iommuGroup(1));
        host.add(SimulatedHost.function(BOOT_GPU.toString()).ids(0x1002, 0x73bf).classCode(0x030000).bootVga(true).driver("amdgpu").iommuGroup(2));
        host.driver("vfio-pci");
        return host;
    }

    /** A Tesla P40 on {@code nvidia} with two mdev types (12 and 6 instances), and vfio-pci loaded. */
    static SimulatedHost mdev(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "intel_iommu=on");
        host.add(SimulatedHost.function(P40.toString()).ids(0x10de, 0x1b38).classCode(0x030200).driver("nvidia").iommuGroup(5));
        host.mdevType(P40, P40_TYPE, "GRID P40-2Q", "num_heads=4, frl_config=60, framebuffer=2048M, max_resolution=7680x4320, max_instance=12", 12);
        host.mdevType(P40, "nvidia-47", "GRID P40-4Q", "num_heads=4, frl_config=60, framebuffer=4096M, max_resolution=7680x4320, max_instance=6", 6);
        host.driver("vfio-pci");
        return host;
    }

    /** An SR-IOV GPU PF on {@code i915} with {@code vfs} VFs enabled, each unbound in its own IOMMU group, and vfio-pci loaded. */
    static SimulatedHost sriov(Path root, int vfs)
    {
        SimulatedHost host = SimulatedHost.create(root, "intel_iommu=on");
        host.add(SimulatedHost.function(SRIOV_PF.toString()).ids(0x8086, 0x56c0).classCode(0x038000).sriov(7, 1, 1, 0x56c1).driver("i915").iommuGroup(20));
        host.enableVfs(SRIOV_PF, vfs, spec -> { });
        host.driver("vfio-pci");
        return host;
    }

    /** The runtime over {@code kernel}, with the test backend and passthrough as its only backends. */
    static VfioRuntime runtime(FakeKernel kernel)
    {
        List<BackendProvider> providers = List.of(SliceTestBackend.provider(), new PassthroughBackendProvider());
        return new RuntimeAssembly(RuntimeOptions.of(kernel.root()))
        {
            @Override
            protected HostFs createHostFs(HostPaths paths)
            {
                return kernel;
            }

            @Override
            public synchronized BackendRegistry registry()
            {
                return new BackendRegistry(providers, List.of());
            }
        }.runtime();
    }

    /** A service over {@code kernel} that keeps its lock and records in {@code state}, outside the host's root. */
    static VgpuService service(FakeKernel kernel, Path state)
    {
        return new VgpuService(runtime(kernel), new RuntimeDirectories(state.resolve("run"), state.resolve("data")), Clock.systemUTC(), Duration.ZERO);
    }
}
