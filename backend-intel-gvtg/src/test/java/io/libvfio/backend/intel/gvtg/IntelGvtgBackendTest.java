package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.CpuList;
import io.libvfio.api.CreateRequest;
import io.libvfio.api.Gpu;
import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.Resolution;
import io.libvfio.api.ScheduleHint;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.Capability;
import io.libvfio.api.spi.Probe;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class IntelGvtgBackendTest
{
    @TempDir
    Path root;

    @Test
    void probeDeclinesHostsWithoutIntelGpus()
    {
        SimulatedHost nvidia = IntelHosts.empty(root.resolve("nvidia"));
        nvidia.add(SimulatedHost.function("0000:01:00.0").ids(0x10de, 0x1b80).classCode(0x030000).driver("nvidia").iommuGroup(1));
        IntelGvtgBackendProvider provider = new IntelGvtgBackendProvider();

        assertThat(provider.probe(IntelHosts.context(IntelHosts.empty(root.resolve("empty")))))
                .isEqualTo(Probe.unsupported("no Intel GPU on this host"));
        assertThat(provider.probe(IntelHosts.context(nvidia))).isEqualTo(Probe.unsupported("no Intel GPU on this host"));
    }

    @Test
    void typesOfACoffeeLakeIgpu()
    {
        SimulatedHost host = IntelHosts.gvtOn(root);
        IntelGvtgBackend backend = IntelHosts.backend(host);

        List<VgpuType> types = backend.listTypes(GpuId.of(IntelHosts.IGPU));

        assertThat(new IntelGvtgBackendProvider().probe(IntelHosts.context(host))).isEqualTo(Probe.supported("1 Intel GPU: 1 with GVT-g types"));
        assertThat(types).extracting(VgpuType::id).containsExactly("i915-GVTg_V5_8", "i915-GVTg_V5_4", "i915-GVTg_V5_2");
        VgpuType four = types.get(1);
        assertThat(four.name()).isEqualTo("GVTg_V5_4");
        assertThat(four.mechanism()).isEqualTo(Mechanism.MDEV);
        assertThat(four.framebufferMib()).isEqualTo(640);
        assertThat(four.heads()).isEqualTo(1);
        assertThat(four.maxResolution()).contains(new Resolution(1920, 1200));
        assertThat(four.availableInstances()).isEqualTo(2);
        assertThat(four.properties()).containsEntry("weight", "4").containsEntry("low_gm_mib", "128").containsEntry("fence", "4");
        VgpuType eight = types.get(0);
        assertThat(eight.framebufferMib()).isEqualTo(448);
        assertThat(eight.maxResolution()).contains(new Resolution(1024, 768));
        assertThat(eight.availableInstances()).isEqualTo(5);
        assertThat(eight.maxInstances()).isEqualTo(6);
        assertThat(eight.properties()).containsEntry("created", "1");
        assertThat(types.get(2).maxInstances()).isEqualTo(1);
    }

    @Test
    void discoverShowsTheGpuWithItsModuleState()
    {
        Gpu gpu = IntelHosts.backend(IntelHosts.gvtOn(root)).discover().get(0);

        assertThat(gpu.address()).isEqualTo(IntelHosts.IGPU);
        assertThat(gpu.model()).isEqualTo("CoffeeLake-S GT2 [UHD Graphics 630]");
        assertThat(gpu.mechanisms()).containsExactly(Mechanism.MDEV);
        assertThat(gpu.limitation()).isEmpty();
        assertThat(gpu.properties()).containsEntry("platform", "Coffee Lake").containsEntry("enable_gvt", "Y")
                .containsEntry("kvmgt", "loaded").containsEntry("gvt_types", "3").containsEntry("driver", "i915");
    }

    @Test
    void malformedDescriptionsSkipOnlyTheirTypes()
    {
        SimulatedHost host = IntelHosts.gvtOn(root);
        host.writeAttribute("sys/bus/pci/devices/0000:00:02.0/mdev_supported_types/i915-GVTg_V5_2/description",
                "low_gm_size: 256MB\nhigh_gm_size: 1024MB\nfen");
        host.writeAttribute("sys/bus/pci/devices/0000:00:02.0/mdev_supported_types/i915-GVTg_V5_4/available_instances", "abc");
        IntelGvtgBackend backend = IntelHosts.backend(host);

        assertThat(backend.listTypes(GpuId.of(IntelHosts.IGPU))).extracting(VgpuType::id).containsExactly("i915-GVTg_V5_8");
        Gpu gpu = backend.discover().get(0);
        assertThat(gpu.isShareable()).isTrue();
        assertThat(gpu.limitation()).hasValueSatisfying(limitation -> assertThat(limitation)
                .contains("i915-GVTg_V5_2/description: malformed value")
                .contains("GVT-g type i915-GVTg_V5_2 skipped")
                .contains("i915-GVTg_V5_4/available_instances").contains("'abc'"));
    }

    @Test
    void gvtOffSaysHowToTurnItOn()
    {
        SimulatedHost host = IntelHosts.coffeeLake(root, 0x3e92);
        IntelHosts.modules(host, "N", false);

        Gpu gpu = IntelHosts.backend(host).discover().get(0);

        assertThat(gpu.mechanisms()).isEmpty();
        assertThat(gpu.limitation()).contains("GVT-g is off: boot with i915.enable_gvt=1 and load kvmgt");
        assertThat(gpu.properties()).containsEntry("enable_gvt", "N").containsEntry("kvmgt", "not loaded");
    }

    @Test
    void gvtOnWithoutKvmgtSaysToLoadIt()
    {
        SimulatedHost host = IntelHosts.coffeeLake(root, 0x3e92);
        IntelHosts.modules(host, "Y", false);

        assertThat(IntelHosts.backend(host).discover().get(0).limitation())
                .contains("GVT-g has no mdev types because kvmgt is not loaded: modprobe kvmgt");
    }

    @Test
    void gucSubmissionBlocksGvt()
    {
        SimulatedHost host = IntelHosts.coffeeLake(root, 0x3e92);
        IntelHosts.modules(host, "Y", true);
        host.writeAttribute("sys/module/i915/parameters/enable_guc", "3");

        assertThat(IntelHosts.backend(host).discover().get(0).limitation()).hasValueSatisfying(limitation -> assertThat(limitation)
                .startsWith("GuC submission is on (i915.enable_guc=3)").contains("i915.enable_guc=0"));
    }

    @Test
    void aKernelWithoutGvtSaysSo()
    {
        SimulatedHost host = IntelHosts.coffeeLake(root, 0x3e92);

        assertThat(IntelHosts.backend(host).discover().get(0).limitation()).hasValueSatisfying(limitation -> assertThat(limitation)
                .contains("built without CONFIG_DRM_I915_GVT"));
    }

    @Test
    void aNewerIgpuIsPointedToSriov()
    {
        SimulatedHost host = IntelHosts.empty(root);
        IntelHosts.modules(host, "N", false);
        host.add(SimulatedHost.function(IntelHosts.IGPU.toString()).ids(0x8086, 0x4680).classCode(0x030000).driver("i915")
                .iommuGroup(0).sriov(7, 1, 1, 0x4680));

        Gpu gpu = IntelHosts.backend(host).discover().get(0);

        assertThat(gpu.model()).isEqualTo("AlderLake-S GT1");
        assertThat(gpu.mechanisms()).isEmpty();
        assertThat(gpu.limitation()).contains("GVT-g supports Broadwell to Comet Lake only (this is Alder Lake); use SR-IOV (intel-sriov)");
    }

    @Test
    void anOlderIgpuIsPassthroughOnly()
    {
        SimulatedHost host = IntelHosts.coffeeLake(root, 0x0412);

        Gpu gpu = IntelHosts.backend(host).discover().get(0);

        assertThat(gpu.model()).isEqualTo("Intel Corporation device 0412");
        assertThat(gpu.limitation()).contains("GVT-g supports Broadwell to Comet Lake only (this is unknown device 8086:0412); whole-GPU passthrough only");
    }

    @Test
    void scheduleHintCarriesLocalityButNoShares()
    {
        IntelGvtgBackend backend = IntelHosts.backend(IntelHosts.gvtOn(root));

        ScheduleHint hint = backend.scheduleHint(GpuId.of(IntelHosts.IGPU));

        assertThat(hint.iommuGroup()).isEqualTo(OptionalInt.of(0));
        assertThat(hint.cpus()).isEqualTo(CpuList.parse("0-7"));
        assertThat(hint.numaNode()).isEmpty();
        assertThat(hint.weight()).isEmpty();
        assertThat(backend.capabilities()).doesNotContain(Capability.SCHEDULER_SHARES).contains(Capability.CREATE, Capability.DESTROY, Capability.LIST_INSTANCES);
    }

    @Test
    void unknownGpusAndMalformedIdsAreErrors()
    {
        IntelGvtgBackend backend = IntelHosts.backend(IntelHosts.gvtOn(root));

        assertThatThrownBy(() -> backend.listTypes(GpuId.of(PciAddress.parse("0000:01:00.0"))))
                .isInstanceOf(VfioException.class)
                .hasMessage("0000:01:00.0 is not an Intel GPU (Intel GPUs here: 0000:00:02.0)");
        assertThatThrownBy(() -> backend.create(new CreateRequest(PciAddress.parse("0000:01:00.0"), "i915-GVTg_V5_4", Optional.empty())))
                .isInstanceOf(VfioException.class)
                .extracting(error -> ((VfioException) error).errorCode())
                .isEqualTo(StandardErrorCode.DEVICE_NOT_FOUND);
        assertThatThrownBy(() -> backend.create(new CreateRequest(IntelHosts.IGPU, "i915-GVTg_V5_4", Optional.of("not-a-uuid"))))
                .isInstanceOf(VfioException.class)
                .hasMessage("mdev instance id 'not-a-uuid' is not a UUID (expected 8-4-4-4-12 hexadecimal digits)")
                .extracting(error -> ((VfioException) error).errorCode())
                .isEqualTo(StandardErrorCode.INVALID_ARGUMENT);
        assertThatThrownBy(() -> backend.create(new CreateRequest(IntelHosts.IGPU, "i915-GVTg_V5_8", Optional.of(IntelHosts.CREATED))))
                .isInstanceOf(VfioException.class)
                .extracting(error -> ((VfioException) error).errorCode())
                .isEqualTo(StandardErrorCode.ALREADY_EXISTS);
    }

    @Test
    void instancesListTheMdevsLibvfioDidNotCreate()
    {
        IntelGvtgBackend backend = IntelHosts.backend(IntelHosts.gvtOn(root));

        assertThat(backend.instances()).containsExactly(new VirtualGpu(IntelHosts.CREATED, IntelHosts.IGPU, "i915-GVTg_V5_8", Mechanism.MDEV,
                Optional.empty(), "/sys/bus/mdev/devices/" + IntelHosts.CREATED));
    }
}
