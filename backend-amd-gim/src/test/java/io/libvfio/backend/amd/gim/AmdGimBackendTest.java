package io.libvfio.backend.amd.gim;

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
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class AmdGimBackendTest
{
    @TempDir
    Path root;

    @Test
    void probeDeclinesHostsWithoutAmdGpus()
    {
        SimulatedHost nvidia = AmdHosts.empty(root.resolve("nvidia"));
        nvidia.add(SimulatedHost.function("0000:01:00.0").ids(0x10de, 0x1b80).classCode(0x030000).driver("nvidia").iommuGroup(1));
        AmdGimBackendProvider provider = new AmdGimBackendProvider();

        assertThat(provider.probe(AmdHosts.context(AmdHosts.empty(root.resolve("empty"))))).isEqualTo(Probe.unsupported("no AMD GPU on this host"));
        assertThat(provider.probe(AmdHosts.context(nvidia))).isEqualTo(Probe.unsupported("no AMD GPU on this host"));
    }

    @Test
    void anS7150OffersOneTypeNamedForLibvfioAcceptableTypes()
    {
        SimulatedHost host = AmdHosts.s7150(root);
        AmdGimBackend backend = AmdHosts.backend(host);

        List<VgpuType> types = backend.listTypes(GpuId.of(AmdHosts.S7150));

        assertThat(new AmdGimBackendProvider().probe(AmdHosts.context(host))).isEqualTo(Probe.supported("1 AMD GPU: 1 with GIM VFs"));
        assertThat(types).singleElement().satisfies(type -> {
            assertThat(type.id()).isEqualTo("S7150-2048M");
            assertThat(type.name()).isEqualTo("S7150");
            assertThat(type.mechanism()).isEqualTo(Mechanism.SRIOV_VF);
            assertThat(type.framebufferMib()).isEqualTo(2048);
            assertThat(type.maxInstances()).isEqualTo(4);
            assertThat(type.availableInstances()).isEqualTo(3);
            assertThat(type.parent()).isEqualTo(GpuId.of(AmdHosts.S7150));
            assertThat(type.properties()).containsEntry("framebuffer", "(VRAM - pf_fb) / VFs").containsEntry("vram_mib", "8192");
        });
    }

    @Test
    void discoverShowsGimAndItsSettings()
    {
        Gpu gpu = AmdHosts.backend(AmdHosts.s7150(root)).discover().get(0);

        assertThat(gpu.model()).isEqualTo("Tonga XT GL [FirePro S7150]");
        assertThat(gpu.mechanisms()).containsExactly(Mechanism.SRIOV_VF);
        assertThat(gpu.limitation()).isEmpty();
        assertThat(gpu.properties()).containsEntry("driver", "gim").containsEntry("vfs", "4/16").containsEntry("vf_num", "4 (module parameter)")
                .containsEntry("pf_fb", "0 (/etc/gim_config)").containsEntry("scheduler", "round-robin solid")
                .containsEntry("gim", GimGeneration.LEGACY.description());
    }

    @Test
    void vfFbAndPfFbDecideTheFramebuffer()
    {
        SimulatedHost host = AmdHosts.s7150(root);
        host.writeAttribute("etc/gim_config", AmdHosts.GIM_CONFIG.replace("pf_fb=0", "pf_fb=256"));
        SimulatedHost fixed = AmdHosts.s7150(root.resolve("fixed"));
        AmdHosts.legacyParameters(fixed, "1024", AmdHosts.UNSET);

        assertThat(AmdHosts.backend(host).listTypes(GpuId.of(AmdHosts.S7150)).get(0).framebufferMib()).isEqualTo(1984);
        assertThat(AmdHosts.backend(fixed).listTypes(GpuId.of(AmdHosts.S7150)).get(0).id()).isEqualTo("S7150-1024M");
    }

    @Test
    void theTimeSliceIsSchedInterval()
    {
        SimulatedHost host = AmdHosts.s7150(root);
        AmdGimBackend backend = AmdHosts.backend(host);
        SimulatedHost tuned = AmdHosts.s7150(root.resolve("tuned"));
        tuned.writeAttribute("etc/gim_config", AmdHosts.GIM_CONFIG.replace("sched_interval=0", "sched_interval=10"));
        AmdHosts.legacyParameters(tuned, AmdHosts.UNSET, AmdHosts.UNSET);

        ScheduleHint hint = backend.scheduleHint(GpuId.of(AmdHosts.S7150));

        assertThat(hint.timeSlice()).contains(Duration.ofMillis(6));
        assertThat(hint.numaNode()).isEqualTo(OptionalInt.of(1));
        assertThat(hint.cpus().toString()).isEqualTo("16-31");
        assertThat(hint.iommuGroup()).isEqualTo(OptionalInt.of(10));
        assertThat(backend.capabilities()).containsExactlyInAnyOrder(Capability.CREATE, Capability.DESTROY, Capability.LIST_INSTANCES, Capability.SCHEDULER_SHARES);
        assertThat(AmdHosts.backend(tuned).scheduleHint(GpuId.of(AmdHosts.S7150)).timeSlice()).contains(Duration.ofMillis(10));
    }

    @Test
    void aMalformedSettingIsReportedAndTheTypeKept()
    {
        SimulatedHost host = AmdHosts.s7150(root);
        host.writeAttribute("etc/gim_config", AmdHosts.GIM_CONFIG.replace("vf_fb=0", "vf_fb=abc"));
        AmdGimBackend backend = AmdHosts.backend(host);

        Gpu gpu = backend.discover().get(0);

        assertThat(gpu.isShareable()).isTrue();
        assertThat(gpu.limitation()).hasValueSatisfying(limitation -> assertThat(limitation)
                .startsWith("some GIM settings could not be read").contains("/etc/gim_config (vf_fb): malformed value 'abc'"));
        assertThat(backend.listTypes(GpuId.of(AmdHosts.S7150))).extracting(VgpuType::id).containsExactly("S7150-2048M");
    }

    @Test
    void theOpenGimServesEachMi300xWithItsOwnSettings()
    {
        AmdGimBackend backend = AmdHosts.backend(AmdHosts.mi300x(root));

        List<Gpu> gpus = backend.discover();
        VgpuType first = backend.listTypes(GpuId.of(AmdHosts.MI300X_0)).get(0);

        assertThat(gpus).extracting(Gpu::address).containsExactly(AmdHosts.MI300X_0, AmdHosts.MI300X_1);
        assertThat(gpus).extracting(Gpu::model).containsOnly("AMD Instinct MI300X");
        assertThat(gpus).allSatisfy(gpu -> assertThat(gpu.mechanisms()).containsExactly(Mechanism.SRIOV_VF));
        assertThat(gpus.get(0).limitation()).isEmpty();
        assertThat(gpus.get(0).properties()).containsEntry("scheduler", "SW round robin").containsEntry("gim", GimGeneration.OPEN.description());
        assertThat(gpus.get(1).limitation()).hasValueSatisfying(limitation -> assertThat(limitation)
                .contains("/sys/module/gim/parameters/vf_num: malformed value 'abc'"));
        assertThat(first.id()).isEqualTo("MI300X-196096M");
        assertThat(first.name()).isEqualTo("MI300X");
        assertThat(first.maxInstances()).isEqualTo(1);
        assertThat(first.availableInstances()).isEqualTo(1);
        assertThat(backend.listTypes(GpuId.of(AmdHosts.MI300X_1))).singleElement().extracting(VgpuType::framebufferMib).isEqualTo(196096L);
        assertThat(backend.scheduleHint(GpuId.of(AmdHosts.MI300X_0)).timeSlice()).isEmpty();
        assertThat(backend.capabilities()).doesNotContain(Capability.SCHEDULER_SHARES);
    }

    @Test
    void aConsumerAmdGpuIsPassthroughOnly()
    {
        Gpu gpu = AmdHosts.backend(AmdHosts.rx580(root)).discover().get(0);

        assertThat(gpu.model()).isEqualTo("Ellesmere [Radeon RX 470/480/570/570X/580/580X/590]");
        assertThat(gpu.mechanisms()).isEmpty();
        assertThat(gpu.limitation()).contains("AMD GPU without the GIM SR-IOV driver: AMD supports GPU sharing only on MxGPU cards"
                + " (FirePro S7150, Instinct MI, Radeon PRO V) with GIM; passthrough only");
    }

    @Test
    void anMxgpuCardOnAmdgpuSaysToLoadGim()
    {
        SimulatedHost host = AmdHosts.empty(root);
        host.add(SimulatedHost.function(AmdHosts.S7150.toString()).ids(0x1002, 0x6929).classCode(0x038000).driver("amdgpu").iommuGroup(10)
                .sriov(16, 16, 1, 0x692f));

        Gpu gpu = AmdHosts.backend(host).discover().get(0);

        assertThat(gpu.mechanisms()).isEmpty();
        assertThat(gpu.limitation()).hasValueSatisfying(limitation -> assertThat(limitation)
                .startsWith("AMD FirePro S7150 is an MxGPU card but is bound to amdgpu, not gim"));
    }

    @Test
    void gimWithoutVfsSaysSo()
    {
        SimulatedHost host = AmdHosts.empty(root);
        host.add(SimulatedHost.function(AmdHosts.S7150.toString()).ids(0x1002, 0x6929).classCode(0x038000).driver("gim").iommuGroup(10)
                .sriov(16, 16, 1, 0x692f));
        AmdHosts.legacyParameters(host, AmdHosts.UNSET, AmdHosts.UNSET);
        AmdGimBackend backend = AmdHosts.backend(host);

        assertThat(backend.discover().get(0).limitation()).contains("GIM is loaded but enabled no VFs on this GPU (vf_num=4): check dmesg for GIM errors");
        assertThat(backend.listTypes(GpuId.of(AmdHosts.S7150))).isEmpty();
    }

    @Test
    void unknownGpusTypesAndVfsAreErrors()
    {
        AmdGimBackend backend = AmdHosts.backend(AmdHosts.s7150(root));

        assertThatThrownBy(() -> backend.listTypes(GpuId.of(PciAddress.parse("0000:03:02.0"))))
                .isInstanceOf(VfioException.class)
                .hasMessage("0000:03:02.0 is not an AMD GPU (AMD GPUs here: 0000:03:00.0)");
        assertThatThrownBy(() -> backend.create(new CreateRequest(AmdHosts.S7150, "MI300X", Optional.empty())))
                .isInstanceOf(VfioException.class)
                .hasMessage("0000:03:00.0 offers no VF type 'MI300X' (types: S7150-2048M (S7150))")
                .extracting(error -> ((VfioException) error).errorCode())
                .isEqualTo(StandardErrorCode.TYPE_NOT_FOUND);
        assertThatThrownBy(() -> backend.create(new CreateRequest(AmdHosts.S7150, "S7150", Optional.of("0000:03:02.3"))))
                .isInstanceOf(VfioException.class)
                .hasMessage("VF 0000:03:02.3 is in use (driver amdgpu, driver_override (null))")
                .extracting(error -> ((VfioException) error).errorCode())
                .isEqualTo(StandardErrorCode.DEVICE_BUSY);
    }
}
