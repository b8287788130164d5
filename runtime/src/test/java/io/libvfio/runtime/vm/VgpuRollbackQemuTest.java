package io.libvfio.runtime.vm;

import io.libvfio.api.PciAddress;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.host.HostPaths;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A VM with a vGPU on a fake-kernel host: QEMU (real) cannot open the fake mdev and exits while
 * starting, so the start must destroy the vGPU it created, leave the host's sysfs exactly as it
 * was, and report QEMU's own message.
 */
final class VgpuRollbackQemuTest
{
    private static final PciAddress P40 = PciAddress.parse("0000:3b:00.0");

    @TempDir
    Path directory;

    /** What the kernel shows under /sys and /dev (libvfio's own run and data files under the root are not the kernel's). */
    private static SortedMap<String, String> kernelState(FakeKernel kernel)
    {
        SortedMap<String, String> state = new java.util.TreeMap<>(kernel.snapshot());
        state.keySet().removeIf(path -> !path.startsWith("sys") && !path.startsWith("dev/vfio"));
        return state;
    }

    @Test
    void aVgpuMadeForAVmWhoseQemuFailsIsDestroyed()
    {
        SimulatedHost simulated = SimulatedHost.create(directory.resolve("root"), "intel_iommu=on");
        simulated.add(SimulatedHost.function(P40.toString()).ids(0x10de, 0x1b38).classCode(0x030200).driver("nvidia").iommuGroup(5));
        simulated.mdevType(P40, "nvidia-46", "GRID P40-2Q", "num_heads=4, frl_config=60, framebuffer=2048M, max_resolution=7680x4320, max_instance=12", 12);
        FakeKernel kernel = FakeKernel.on(simulated);
        FakeKernelMdevProvider provider = new FakeKernelMdevProvider(kernel, P40, "nvidia-46");
        VmHost host = TestVms.host(HostPaths.of(kernel.root()), kernel, provider);
        SortedMap<String, String> before = kernelState(kernel);
        VmSpec spec = TestVms.withGpu(TestVms.bare("gpu-vm", directory.resolve("gpu-vm.yaml")),
                new GpuSlotRequest(0, "sysfsdev", 1000, 2000, Optional.of("nvidia-46"), List.of(), "", Optional.empty(), Optional.empty(), "hostdev0", Optional.empty()));

        assertThatThrownBy(() -> new VmStarter(host).start(spec, false, false))
                .isInstanceOf(VfioException.class)
                .hasMessageContaining("QEMU exited while starting")
                .hasMessageContaining("vfio");

        assertThat(provider.released).hasSize(1);
        assertThat(kernelState(kernel)).isEqualTo(before);
        assertThat(host.store().file(new VmName("gpu-vm"))).doesNotExist();
        assertThat(new RunningVms(host).list(new ArrayList<>())).isEmpty();
    }
}
