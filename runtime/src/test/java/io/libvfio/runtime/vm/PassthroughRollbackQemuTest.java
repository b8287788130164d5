package io.libvfio.runtime.vm;

import io.libvfio.api.PciAddress;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.RuntimeAssembly;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.passthrough.PassthroughBackendProvider;
import io.libvfio.runtime.registry.BackendRegistry;
import io.libvfio.runtime.vgpu.VgpuService;
import io.libvfio.runtime.vm.gpu.VgpuServiceProvider;
import io.libvfio.runtime.vm.spec.GpuSlotRequest;
import io.libvfio.runtime.vm.spec.VmName;
import io.libvfio.runtime.vm.spec.VmSpec;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A VM with a passed-through GPU on a fake-kernel host, through the real vGPU service: the GPU
 * and its HDMI audio are bound to vfio-pci, real QEMU cannot open the fake device and exits
 * while starting, and the start gives both functions back to their drivers before it reports
 * QEMU's message: the host's sysfs is exactly as before, and no vGPU record is left.
 */
final class PassthroughRollbackQemuTest
{
    private static final PciAddress BRIDGE = PciAddress.parse("0000:00:01.0");
    private static final PciAddress GPU = PciAddress.parse("0000:01:00.0");
    private static final PciAddress AUDIO = PciAddress.parse("0000:01:00.1");

    @TempDir
    Path directory;

    @Test
    void theGpuIsGivenBackToItsDriversWhenQemuFails()
    {
        SimulatedHost host = SimulatedHost.create(directory.resolve("root"), "intel_iommu=on");
        host.numaNode(0, "0-1", 16_000_000L, 0, 0, 0, 0);
        host.add(SimulatedHost.function(BRIDGE.toString()).ids(0x8086, 0x1901).classCode(0x060400).driver("pcieport").iommuGroup(0));
        host.add(SimulatedHost.function(GPU.toString()).ids(0x10de, 0x2204).classCode(0x030000).bootVga(false).behind(BRIDGE).driver("nvidia")
                .numaNode(0).localCpus("0-1").iommuGroup(1));
        host.add(SimulatedHost.function(AUDIO.toString()).ids(0x10de, 0x1aef).classCode(0x040300).behind(BRIDGE).driver("snd_hda_intel").iommuGroup(1));
        host.driver("vfio-pci");
        FakeKernel kernel = FakeKernel.on(host);
        VfioRuntime runtime = runtime(kernel);
        VmHost vmHost = TestVms.host(runtime.paths(), kernel, new VgpuServiceProvider(runtime));
        SortedMap<String, String> before = kernelState(kernel);
        VmSpec spec = TestVms.withGpu(TestVms.bare("passthrough-vm", directory.resolve("vm.yaml")),
                new GpuSlotRequest(0, "passthrough", 0, -1, Optional.empty(), List.of(), "", Optional.empty(), Optional.of(GPU.toString()), "hostdev0", Optional.empty()));

        assertThatThrownBy(() -> new VmStarter(vmHost).start(spec, false, false))
                .isInstanceOf(VfioException.class)
                .hasMessageContaining("QEMU exited while starting")
                .hasMessageContaining("vfio");

        assertThat(kernel.linkName("/sys/bus/pci/devices/" + GPU + "/driver")).contains("nvidia");
        assertThat(kernel.linkName("/sys/bus/pci/devices/" + AUDIO + "/driver")).contains("snd_hda_intel");
        assertThat(kernelState(kernel)).isEqualTo(before);
        assertThat(VgpuService.on(runtime).list()).isEmpty();
        assertThat(vmHost.store().file(new VmName("passthrough-vm"))).doesNotExist();
        assertThat(new RunningVms(vmHost).list(new ArrayList<>())).isEmpty();
    }

    private static VfioRuntime runtime(FakeKernel kernel)
    {
        List<BackendProvider> providers = List.of(new PassthroughBackendProvider());
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

    private static SortedMap<String, String> kernelState(FakeKernel kernel)
    {
        SortedMap<String, String> state = new TreeMap<>(kernel.snapshot());
        state.keySet().removeIf(path -> !path.startsWith("sys") && !path.startsWith("dev/vfio"));
        return state;
    }
}
