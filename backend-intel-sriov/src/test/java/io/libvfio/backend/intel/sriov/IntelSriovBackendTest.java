package io.libvfio.backend.intel.sriov;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.Gpu;
import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.ScheduleHint;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.spi.Capability;
import io.libvfio.api.spi.Probe;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class IntelSriovBackendTest
{
    @TempDir
    Path root;

    @Test
    void probeDeclinesHostsWithoutIntelGpus()
    {
        SimulatedHost amd = SriovHosts.empty(root.resolve("amd"));
        amd.add(SimulatedHost.function("0000:03:00.0").ids(0x1002, 0x67df).classCode(0x030000).driver("amdgpu").iommuGroup(3));
        IntelSriovBackendProvider provider = new IntelSriovBackendProvider();

        assertThat(provider.probe(SriovHosts.context(SriovHosts.empty(root.resolve("empty")), Map.of())))
                .isEqualTo(Probe.unsupported("no Intel GPU on this host"));
        assertThat(provider.probe(SriovHosts.context(amd, Map.of()))).isEqualTo(Probe.unsupported("no Intel GPU on this host"));
    }

    @Test
    void anIgpuInPfModeOffersGgttShares()
    {
        SimulatedHost host = SriovHosts.alderLake(root);
        IntelSriovBackend backend = SriovHosts.backend(host);

        Gpu gpu = backend.discover().get(0);
        List<VgpuType> types = backend.listTypes(GpuId.of(SriovHosts.IGPU));

        assertThat(new IntelSriovBackendProvider().probe(SriovHosts.context(host, Map.of())))
                .isEqualTo(Probe.supported("1 Intel GPU: 1 with SR-IOV VFs"));
        assertThat(gpu.model()).isEqualTo("AlderLake-S GT1");
        assertThat(gpu.mechanisms()).containsExactly(Mechanism.SRIOV_VF);
        assertThat(gpu.limitation()).isEmpty();
        assertThat(gpu.properties()).containsEntry("mode", "SR-IOV PF").containsEntry("vfs", "0/7").containsEntry("ggtt_mib", "3860")
                .containsEntry("lmem_mib", "0").containsEntry("exec_quantum_ms", "0");
        assertThat(types).extracting(VgpuType::id).containsExactly("vfs-1", "vfs-2", "vfs-4", "vfs-7");
        assertThat(types).extracting(VgpuType::framebufferMib).containsExactly(3860L, 1930L, 965L, 551L);
        assertThat(types).extracting(VgpuType::maxInstances).containsExactly(1, 2, 4, 7);
        assertThat(types).extracting(VgpuType::availableInstances).containsExactly(1, 2, 4, 7);
        assertThat(types.get(3).name()).isEqualTo("AlderLake-S GT1 1/7");
        assertThat(types.get(3).mechanism()).isEqualTo(Mechanism.SRIOV_VF);
        assertThat(types.get(3).properties()).containsEntry("framebuffer", MemoryKind.GGTT.description());
    }

    @Test
    void aDiscreteGpuDividesItsLocalMemory()
    {
        List<VgpuType> types = SriovHosts.backend(SriovHosts.flex(root)).listTypes(GpuId.of(SriovHosts.FLEX));

        assertThat(types).extracting(VgpuType::id).containsExactly("vfs-1", "vfs-2", "vfs-4", "vfs-8", "vfs-16", "vfs-31");
        assertThat(types).extracting(VgpuType::framebufferMib).containsExactly(14336L, 7168L, 3584L, 1792L, 896L, 462L);
        assertThat(types.get(3).name()).isEqualTo("Data Center GPU Flex 170 1/8");
        assertThat(types.get(3).properties()).containsEntry("framebuffer", MemoryKind.LOCAL_MEMORY.description());
    }

    @Test
    void onceVfsAreEnabledOnlyThatCountHasFreeInstances()
    {
        IntelSriovBackend backend = SriovHosts.backend(SriovHosts.flexWithEightVfs(root));

        List<VgpuType> types = backend.listTypes(GpuId.of(SriovHosts.FLEX));
        Gpu gpu = backend.discover().get(0);

        assertThat(gpu.properties()).containsEntry("vfs", "8/31").containsEntry("lmem_mib", "14336").containsEntry("exec_quantum_ms", "20");
        VgpuType eight = types.get(3);
        assertThat(eight.id()).isEqualTo("vfs-8");
        assertThat(eight.availableInstances()).isEqualTo(7);
        assertThat(eight.maxInstances()).isEqualTo(8);
        assertThat(eight.framebufferMib()).isEqualTo(1792);
        assertThat(eight.properties()).containsEntry("framebuffer", "VF 1's provisioned quota").containsEntry("enabled", "yes");
        assertThat(types).filteredOn(type -> !type.id().equals("vfs-8")).extracting(VgpuType::availableInstances).containsOnly(0);
        assertThat(types.get(0).framebufferMib()).isEqualTo(14336);
    }

    @Test
    void theExecutionQuantumIsTheTimeSlice()
    {
        IntelSriovBackend backend = SriovHosts.backend(SriovHosts.flexWithEightVfs(root));

        ScheduleHint hint = backend.scheduleHint(GpuId.of(SriovHosts.FLEX));

        assertThat(hint.timeSlice()).contains(Duration.ofMillis(20));
        assertThat(hint.numaNode()).isEqualTo(OptionalInt.of(1));
        assertThat(hint.cpus().toString()).isEqualTo("16-31");
        assertThat(hint.iommuGroup()).isEqualTo(OptionalInt.of(60));
        assertThat(backend.capabilities()).containsExactly(Capability.SCHEDULER_SHARES);
    }

    @Test
    void noQuantumNoTimeSliceAndNoShares()
    {
        IntelSriovBackend backend = SriovHosts.backend(SriovHosts.alderLake(root));

        assertThat(backend.scheduleHint(GpuId.of(SriovHosts.IGPU)).timeSlice()).isEmpty();
        assertThat(backend.capabilities()).isEmpty();
    }

    @Test
    void xeDividesTheVramOfItsTable()
    {
        SimulatedHost host = SriovHosts.battlemage(root, 0xe20b);
        host.writeAttribute(SriovHosts.BMG_ADMIN + "pf/profile/exec_quantum_ms", "16");
        IntelSriovBackend backend = SriovHosts.backend(host);

        Gpu gpu = backend.discover().get(0);
        List<VgpuType> types = backend.listTypes(GpuId.of(SriovHosts.BMG));

        assertThat(gpu.model()).isEqualTo("Intel Arc B580");
        assertThat(gpu.mechanisms()).containsExactly(Mechanism.SRIOV_VF);
        assertThat(gpu.properties()).containsEntry("sriov_admin", "present").containsEntry("vram_mib", "12288").containsEntry("driver", "xe");
        assertThat(types).extracting(VgpuType::id).containsExactly("vfs-1", "vfs-2", "vfs-4", "vfs-8", "vfs-12");
        assertThat(types).extracting(VgpuType::framebufferMib).containsExactly(12288L, 6144L, 3072L, 1536L, 1024L);
        assertThat(backend.scheduleHint(GpuId.of(SriovHosts.BMG)).timeSlice()).contains(Duration.ofMillis(16));
    }

    @Test
    void anUnknownXeDeviceNeedsTheVramSetting()
    {
        SimulatedHost host = SriovHosts.battlemage(root, 0xe216);

        Gpu unknown = SriovHosts.backend(host).discover().get(0);
        List<VgpuType> configured = SriovHosts.backend(host, Map.of("backend.intel-sriov.vram-mib", "8192")).listTypes(GpuId.of(SriovHosts.BMG));

        assertThat(unknown.isShareable()).isTrue();
        assertThat(unknown.limitation()).contains(
                "VRAM size of 8086:e216 unknown: profiles show no framebuffer; set backend.intel-sriov.vram-mib");
        assertThat(configured.get(0).framebufferMib()).isEqualTo(8192);
        assertThat(configured.get(1).framebufferMib()).isEqualTo(4096);
    }

    @Test
    void maxVfsZeroSaysHowToEnableSriov()
    {
        SimulatedHost host = SriovHosts.empty(root);
        host.add(SimulatedHost.function(SriovHosts.IGPU.toString()).ids(0x8086, 0x4680).classCode(0x030000).driver("i915")
                .iommuGroup(0).sriov(0, 1, 1, 0x4680));

        Gpu gpu = SriovHosts.backend(host).discover().get(0);

        assertThat(gpu.mechanisms()).isEmpty();
        assertThat(gpu.limitation()).contains(
                "SR-IOV is not enabled in the driver: set i915.max_vfs=N (or xe.max_vfs=N) and GuC submission (i915.enable_guc=3)");
    }

    @Test
    void aGpuWithoutSriovPointsToGvt()
    {
        Gpu gpu = SriovHosts.backend(SriovHosts.coffeeLake(root)).discover().get(0);

        assertThat(gpu.mechanisms()).isEmpty();
        assertThat(gpu.limitation()).hasValueSatisfying(limitation -> assertThat(limitation)
                .startsWith("this GPU has no SR-IOV capability").contains("use GVT-g (intel-gvtg)"));
    }

    @Test
    void i915NotInPfModeOrWithoutIovSaysSo()
    {
        SimulatedHost host = SriovHosts.alderLake(root);
        host.writeAttribute(SriovHosts.ADL_IOV + "mode", "non virtualized");
        SimulatedHost upstream = SriovHosts.empty(root.resolve("upstream"));
        upstream.add(SimulatedHost.function(SriovHosts.IGPU.toString()).ids(0x8086, 0x4680).classCode(0x030000).driver("i915")
                .iommuGroup(0).sriov(7, 1, 1, 0x4680));
        upstream.writeAttribute("sys/bus/pci/devices/0000:00:02.0/drm/card0/dev", "226:0");

        assertThat(SriovHosts.backend(host).discover().get(0).limitation())
                .contains("i915 runs in mode 'non virtualized', not 'SR-IOV PF': boot with i915.enable_guc=3 i915.max_vfs=N");
        assertThat(SriovHosts.backend(upstream).discover().get(0).limitation()).hasValueSatisfying(limitation -> assertThat(limitation)
                .startsWith("this i915 has no SR-IOV support (no /sys/bus/pci/devices/0000:00:02.0/drm/card0/prelim_iov)"));
    }

    @Test
    void aMalformedQuotaBlocksOnlyItsGpu()
    {
        SimulatedHost host = SriovHosts.addAlderLake(SriovHosts.flex(root));
        host.writeAttribute(SriovHosts.FLEX_IOV + "pf/gt/available/lmem_max_quota", "abc");
        host.writeAttribute(SriovHosts.ADL_IOV + "pf/gt0/exec_quantum_ms", "lots");
        IntelSriovBackend backend = SriovHosts.backend(host);

        List<Gpu> gpus = backend.discover();

        assertThat(gpus).extracting(Gpu::address).containsExactly(SriovHosts.IGPU, SriovHosts.FLEX);
        assertThat(gpus.get(1).mechanisms()).isEmpty();
        assertThat(gpus.get(1).limitation()).hasValueSatisfying(limitation -> assertThat(limitation)
                .contains("card1/prelim_iov/pf/gt/available/lmem_max_quota: malformed value 'abc'"));
        assertThatThrownBy(() -> backend.listTypes(GpuId.of(SriovHosts.FLEX)))
                .isInstanceOf(VfioException.class)
                .hasMessageContaining("lmem_max_quota")
                .extracting(error -> ((VfioException) error).errorCode())
                .isEqualTo(StandardErrorCode.ATTRIBUTE_MALFORMED);
        assertThat(gpus.get(0).mechanisms()).containsExactly(Mechanism.SRIOV_VF);
        assertThat(gpus.get(0).limitation()).hasValueSatisfying(limitation -> assertThat(limitation)
                .startsWith("some SR-IOV values could not be read").contains("exec_quantum_ms: malformed value 'lots'"));
        assertThat(backend.listTypes(GpuId.of(SriovHosts.IGPU))).hasSize(4);
    }

    @Test
    void unknownGpusAndUnimplementedOperationsAreErrors()
    {
        IntelSriovBackend backend = SriovHosts.backend(SriovHosts.alderLake(root));

        assertThatThrownBy(() -> backend.scheduleHint(GpuId.of(PciAddress.parse("0000:00:02.1"))))
                .isInstanceOf(VfioException.class)
                .hasMessage("0000:00:02.1 is not an Intel GPU (Intel GPUs here: 0000:00:02.0)");
        assertThatThrownBy(() -> backend.create(new CreateRequest(SriovHosts.IGPU, "vfs-2", Optional.empty())))
                .isInstanceOf(VfioException.class)
                .hasMessageContaining("intel-sriov")
                .extracting(error -> ((VfioException) error).errorCode())
                .isEqualTo(StandardErrorCode.OPERATION_UNSUPPORTED);
        assertThat(backend.mechanisms()).containsExactly(Mechanism.SRIOV_VF);
    }
}
