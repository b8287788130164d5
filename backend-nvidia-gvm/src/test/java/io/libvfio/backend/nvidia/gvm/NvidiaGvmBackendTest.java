package io.libvfio.backend.nvidia.gvm;

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

final class NvidiaGvmBackendTest
{
    @TempDir
    Path root;

    @Test
    void probeDeclinesHostsWithoutNvidiaGpus()
    {
        NvidiaGvmBackendProvider provider = new NvidiaGvmBackendProvider();

        assertThat(provider.probe(NvidiaHosts.context(NvidiaHosts.empty(root.resolve("empty")))))
                .isEqualTo(Probe.unsupported("no NVIDIA GPU on this host"));
        assertThat(provider.probe(NvidiaHosts.context(NvidiaHosts.intelOnly(root.resolve("intel")))))
                .isEqualTo(Probe.unsupported("no NVIDIA GPU on this host"));
    }

    @Test
    void probeSaysWhatItFound()
    {
        SimulatedHost host = NvidiaHosts.addGtx1080(NvidiaHosts.rtx6000(root));

        Probe probe = new NvidiaGvmBackendProvider().probe(NvidiaHosts.context(host));

        assertThat(probe.supported()).isTrue();
        assertThat(probe.reason()).isEqualTo("2 NVIDIA GPUs: 1 with mdev types, 1 not shareable");
    }

    @Test
    void mdevTypesOfAGridGpu()
    {
        NvidiaGvmBackend backend = NvidiaHosts.backend(NvidiaHosts.rtx6000(root));

        List<VgpuType> types = backend.listTypes(GpuId.of(NvidiaHosts.RTX6000));

        assertThat(types).extracting(VgpuType::id).containsExactly("nvidia-256", "nvidia-257");
        VgpuType twoQ = types.get(1);
        assertThat(twoQ.name()).isEqualTo("GRID RTX6000-2Q");
        assertThat(twoQ.parent()).isEqualTo(GpuId.of(NvidiaHosts.RTX6000));
        assertThat(twoQ.mechanism()).isEqualTo(Mechanism.MDEV);
        assertThat(twoQ.framebufferMib()).isEqualTo(2048);
        assertThat(twoQ.heads()).isEqualTo(4);
        assertThat(twoQ.maxResolution()).contains(new Resolution(7680, 4320));
        assertThat(twoQ.maxInstances()).isEqualTo(12);
        assertThat(twoQ.availableInstances()).isEqualTo(12);
        assertThat(twoQ.properties()).containsEntry("frl_config", "60").containsEntry("short_name", "RTX6000-2Q").containsEntry("series", "Q");
        assertThat(types.get(0).framebufferMib()).isEqualTo(1024);
        assertThat(types.get(0).maxInstances()).isEqualTo(24);
    }

    @Test
    void aTruncatedDescriptionSkipsOnlyThatTypeAndSaysWhy()
    {
        NvidiaGvmBackend backend = NvidiaHosts.backend(NvidiaHosts.rtx6000(root));

        Gpu gpu = backend.discover().get(0);

        assertThat(gpu.mechanisms()).containsExactly(Mechanism.MDEV);
        assertThat(gpu.model()).isEqualTo("TU102GL [Quadro RTX 6000/8000]");
        assertThat(gpu.limitation()).hasValueSatisfying(limitation -> assertThat(limitation)
                .contains("/sys/class/mdev_bus/0000:3b:00.0/mdev_supported_types/nvidia-258/description")
                .contains("mdev type nvidia-258 skipped"));
        assertThat(gpu.properties()).containsEntry("driver", "nvidia").containsEntry("framework", "mdev")
                .containsEntry("vgpu_host_driver", "loaded").containsEntry("vgpu_types", "2");
    }

    @Test
    void aCountThatIsNotANumberIsReportedWithTheHealthyTypesKept()
    {
        SimulatedHost host = NvidiaHosts.rtx6000(root);
        host.writeAttribute("sys/bus/pci/devices/0000:3b:00.0/mdev_supported_types/nvidia-256/available_instances", "abc");
        NvidiaGvmBackend backend = NvidiaHosts.backend(host);

        assertThat(backend.listTypes(GpuId.of(NvidiaHosts.RTX6000))).extracting(VgpuType::id).containsExactly("nvidia-257");
        assertThat(backend.discover().get(0).limitation()).hasValueSatisfying(limitation -> assertThat(limitation)
                .contains("nvidia-256/available_instances").contains("'abc'"));
    }

    @Test
    void everyTypeMalformedIsAnErrorForThatGpuOnly()
    {
        SimulatedHost host = NvidiaHosts.rtx6000(root);
        host.writeAttribute("sys/bus/pci/devices/0000:3b:00.0/mdev_supported_types/nvidia-256/description", "num_heads=4");
        host.writeAttribute("sys/bus/pci/devices/0000:3b:00.0/mdev_supported_types/nvidia-257/description", "");
        NvidiaHosts.addL40s(host);
        NvidiaGvmBackend backend = NvidiaHosts.backend(host);

        assertThatThrownBy(() -> backend.listTypes(GpuId.of(NvidiaHosts.RTX6000)))
                .isInstanceOf(VfioException.class)
                .hasMessageContaining("no usable vGPU type")
                .hasMessageContaining("nvidia-256/description")
                .extracting(error -> ((VfioException) error).errorCode())
                .isEqualTo(StandardErrorCode.ATTRIBUTE_MALFORMED);
        List<Gpu> gpus = backend.discover();
        assertThat(gpus).extracting(Gpu::address).containsExactly(NvidiaHosts.RTX6000, NvidiaHosts.L40S);
        assertThat(gpus.get(0).isShareable()).isFalse();
        assertThat(gpus.get(0).limitation()).hasValueSatisfying(limitation -> assertThat(limitation).startsWith("no usable vGPU type"));
        assertThat(gpus.get(1).mechanisms()).containsExactly(Mechanism.VENDOR_VFIO);
        assertThat(backend.listTypes(GpuId.of(NvidiaHosts.L40S))).hasSize(3);
    }

    @Test
    void gvmProfilesOnAGeforceAreOrdinaryMdevTypes()
    {
        SimulatedHost host = NvidiaHosts.empty(root);
        NvidiaHosts.vgpuHostDriver(host);
        host.add(SimulatedHost.function(NvidiaHosts.GTX1080.toString()).ids(0x10de, 0x1b80).classCode(0x030000).driver("nvidia").iommuGroup(1));
        host.mdevType(NvidiaHosts.GTX1080, "nvidia-1", "GVM [Geforce /10]",
                "num_heads=4, frl_config=120, framebuffer=896M, max_resolution=3840x2160, max_instance=10", 10);
        host.mdevType(NvidiaHosts.GTX1080, "nvidia-3", "GVM [Quadro /10]",
                "num_heads=4, frl_config=120, framebuffer=896M, max_resolution=3840x2160, max_instance=10", 10);
        NvidiaGvmBackend backend = NvidiaHosts.backend(host);

        List<VgpuType> types = backend.listTypes(GpuId.of(NvidiaHosts.GTX1080));

        assertThat(backend.discover().get(0).mechanisms()).containsExactly(Mechanism.MDEV);
        assertThat(types).extracting(VgpuType::id).containsExactly("nvidia-1", "nvidia-3");
        assertThat(types.get(0).name()).isEqualTo("GVM [Geforce /10]");
        assertThat(types.get(0).framebufferMib()).isEqualTo(896);
        assertThat(types.get(0).maxResolution()).contains(new Resolution(3840, 2160));
        assertThat(types.get(0).maxInstances()).isEqualTo(10);
        assertThat(types.get(0).properties()).containsEntry("frl_config", "120").doesNotContainKey("short_name");
    }

    @Test
    void mdevTypesOnVfsAreListedOncePerGpu()
    {
        NvidiaGvmBackend backend = NvidiaHosts.backend(NvidiaHosts.a10(root));

        List<Gpu> gpus = backend.discover();
        List<VgpuType> types = backend.listTypes(GpuId.of(NvidiaHosts.A10));

        assertThat(gpus).extracting(Gpu::address).containsExactly(NvidiaHosts.A10);
        assertThat(gpus.get(0).mechanisms()).containsExactly(Mechanism.MDEV);
        assertThat(gpus.get(0).properties()).containsEntry("framework", "mdev on SR-IOV VFs").containsEntry("vfs", "4/24");
        assertThat(types).extracting(VgpuType::id).containsExactly("nvidia-588", "nvidia-589");
        assertThat(types.get(0).availableInstances()).isEqualTo(3);
        assertThat(types.get(0).maxInstances()).isEqualTo(6);
        assertThat(types.get(0).framebufferMib()).isEqualTo(4096);
        assertThat(types.get(0).parent()).isEqualTo(GpuId.of(NvidiaHosts.A10));
        assertThat(types.get(0).properties()).containsEntry("parents", "4 VFs (one vGPU per VF)");
    }

    @Test
    void vendorVfioTypesCountFreeVfs()
    {
        NvidiaGvmBackend backend = NvidiaHosts.backend(NvidiaHosts.l40s(root));

        Gpu gpu = backend.discover().get(0);
        List<VgpuType> types = backend.listTypes(GpuId.of(NvidiaHosts.L40S));

        assertThat(gpu.mechanisms()).containsExactly(Mechanism.VENDOR_VFIO);
        assertThat(gpu.limitation()).isEmpty();
        assertThat(gpu.properties()).containsEntry("framework", "vendor VFIO (vGPU 17+)").containsEntry("vfs_with_vgpu", "1")
                .containsEntry("vgpu_host_driver", "not loaded");
        assertThat(types).extracting(VgpuType::id).containsExactly("1145", "1147", "1148");
        assertThat(types).extracting(VgpuType::name).containsExactly("NVIDIA L40S-1B", "NVIDIA L40S-1Q", "NVIDIA L40S-2Q");
        assertThat(types).extracting(VgpuType::framebufferMib).containsExactly(1024L, 1024L, 2048L);
        assertThat(types).extracting(VgpuType::mechanism).containsOnly(Mechanism.VENDOR_VFIO);
        VgpuType twoQ = types.get(2);
        assertThat(twoQ.availableInstances()).isEqualTo(3);
        assertThat(twoQ.maxInstances()).isEqualTo(4);
        assertThat(twoQ.properties()).containsEntry("series", "Q").containsEntry("created", "1");
        assertThat(types.get(0).maxInstances()).isEqualTo(3);
    }

    @Test
    void aBrokenTableRowSkipsThatRowOnly()
    {
        SimulatedHost host = NvidiaHosts.l40s(root);
        host.writeAttribute("sys/bus/pci/devices/0000:3d:00.6/nvidia/creatable_vgpu_types",
                NvidiaHosts.CREATABLE_L40S + "\n12x4  : NVIDIA L40S-4Q");
        host.writeAttribute("sys/bus/pci/devices/0000:3d:00.7/nvidia/current_vgpu_type", "abc");
        NvidiaGvmBackend backend = NvidiaHosts.backend(host);

        List<VgpuType> types = backend.listTypes(GpuId.of(NvidiaHosts.L40S));
        Gpu gpu = backend.discover().get(0);

        assertThat(types).extracting(VgpuType::id).containsExactly("1145", "1147", "1148");
        assertThat(types.get(2).availableInstances()).isEqualTo(2);
        assertThat(gpu.isShareable()).isTrue();
        assertThat(gpu.limitation()).hasValueSatisfying(limitation -> assertThat(limitation)
                .contains("0000:3d:00.6/nvidia/creatable_vgpu_types: row '12x4  : NVIDIA L40S-4Q'")
                .contains("0000:3d:00.7/nvidia/current_vgpu_type: malformed value 'abc'")
                .contains("VF 0000:3d:00.7 skipped"));
    }

    @Test
    void everyVfBusyLeavesTheMechanismButNoType()
    {
        SimulatedHost host = NvidiaHosts.l40s(root);
        for (String vf : List.of("0000:3d:00.4", "0000:3d:00.5", "0000:3d:00.6", "0000:3d:00.7")) {
            host.writeAttribute("sys/bus/pci/devices/" + vf + "/nvidia/creatable_vgpu_types", "ID    : vGPU Name");
            host.writeAttribute("sys/bus/pci/devices/" + vf + "/nvidia/current_vgpu_type", "1148");
        }
        NvidiaGvmBackend backend = NvidiaHosts.backend(host);

        Gpu gpu = backend.discover().get(0);

        assertThat(gpu.mechanisms()).containsExactly(Mechanism.VENDOR_VFIO);
        assertThat(gpu.limitation()).contains("all 4 vGPU VFs hold a vGPU; none can take another now");
        assertThat(backend.listTypes(GpuId.of(NvidiaHosts.L40S))).isEmpty();
    }

    @Test
    void aConsumerGpuIsDiscoveredWithItsLimitation()
    {
        NvidiaGvmBackend backend = NvidiaHosts.backend(NvidiaHosts.gtx1080(root));

        List<Gpu> gpus = backend.discover();

        assertThat(gpus).hasSize(1);
        Gpu gpu = gpus.get(0);
        assertThat(gpu.model()).isEqualTo("GP104 [GeForce GTX 1080]");
        assertThat(gpu.mechanisms()).isEmpty();
        assertThat(gpu.limitation()).hasValueSatisfying(limitation -> assertThat(limitation)
                .startsWith("consumer NVIDIA GPU without the vGPU host driver")
                .contains("driver nouveau")
                .endsWith("no mdev types and no vGPU VFs; whole-GPU passthrough only"));
        assertThat(gpu.properties()).containsEntry("framework", "none").containsEntry("vgpu_host_driver", "not loaded");
        assertThat(backend.listTypes(GpuId.of(NvidiaHosts.GTX1080))).isEmpty();
    }

    @Test
    void sriovOffWithTheHostDriverLoadedSaysHowToEnableVfs()
    {
        SimulatedHost host = NvidiaHosts.empty(root);
        NvidiaHosts.vgpuHostDriver(host);
        host.add(SimulatedHost.function(NvidiaHosts.L40S.toString()).ids(0x10de, 0x26b9).classCode(0x030200).driver("nvidia")
                .iommuGroup(50).sriov(32, 4, 1, 0x26b9));

        Gpu gpu = NvidiaHosts.backend(host).discover().get(0);

        assertThat(gpu.limitation()).contains(
                "the vGPU host driver is loaded but SR-IOV VFs are off: enable them with /usr/lib/nvidia/sriov-manage -e 0000:3d:00.0");
        assertThat(gpu.properties()).containsEntry("vfs", "0/32");
    }

    @Test
    void scheduleHintCarriesLocality()
    {
        NvidiaGvmBackend backend = NvidiaHosts.backend(NvidiaHosts.rtx6000(root));

        ScheduleHint hint = backend.scheduleHint(GpuId.of(NvidiaHosts.RTX6000));

        assertThat(hint.gpu()).isEqualTo(GpuId.of(NvidiaHosts.RTX6000));
        assertThat(hint.numaNode()).isEqualTo(OptionalInt.of(1));
        assertThat(hint.cpus()).isEqualTo(CpuList.parse("16-31"));
        assertThat(hint.iommuGroup()).isEqualTo(OptionalInt.of(30));
        assertThat(hint.timeSlice()).isEmpty();
        assertThat(backend.capabilities()).doesNotContain(Capability.SCHEDULER_SHARES);
    }

    @Test
    void unknownGpusAreErrorsAndCreateAndDestroyAreDeclared()
    {
        NvidiaGvmBackend backend = NvidiaHosts.backend(NvidiaHosts.rtx6000(root));

        assertThatThrownBy(() -> backend.listTypes(GpuId.of(PciAddress.parse("0000:00:02.0"))))
                .isInstanceOf(VfioException.class)
                .hasMessage("0000:00:02.0 is not an NVIDIA GPU (NVIDIA GPUs here: 0000:3b:00.0)");
        assertThatThrownBy(() -> backend.create(new CreateRequest(PciAddress.parse("0000:00:02.0"), "nvidia-257", Optional.empty())))
                .isInstanceOf(VfioException.class)
                .extracting(error -> ((VfioException) error).errorCode())
                .isEqualTo(StandardErrorCode.DEVICE_NOT_FOUND);
        assertThat(backend.capabilities()).contains(Capability.CREATE, Capability.DESTROY, Capability.LIST_INSTANCES);
        assertThat(backend.mechanisms()).containsExactlyInAnyOrder(Mechanism.MDEV, Mechanism.VENDOR_VFIO);
    }
}
