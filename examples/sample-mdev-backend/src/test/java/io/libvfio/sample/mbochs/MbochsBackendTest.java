package io.libvfio.sample.mbochs;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.Errno;
import io.libvfio.api.Gpu;
import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.Backend;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** What the contract kit does not check: mbochs's own shapes and its shared video memory. */
final class MbochsBackendTest
{
    private static final String UUID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final GpuId MBOCHS = MbochsBackend.GPU;

    @TempDir
    Path root;

    private FakeKernel kernel;
    private Backend backend;

    private void open(SimulatedHost host)
    {
        kernel = FakeKernel.on(host);
        backend = new MbochsBackendProvider().create(new KernelContext(kernel));
    }

    @Test
    void mbochsIsOneGpuNamedMbochsWithoutAPciDevice()
    {
        open(MbochsHosts.loaded(root));

        List<Gpu> gpus = backend.discover();

        assertThat(gpus).singleElement().satisfies(gpu -> {
            assertThat(gpu.id()).isEqualTo(GpuId.parse("mbochs"));
            assertThat(gpu.pciDevice()).isEmpty();
            assertThat(gpu.mechanisms()).containsExactly(Mechanism.MDEV);
        });
    }

    @Test
    void typesShowTheirVideoMemoryAndHowManyFitTheSharedPool()
    {
        open(MbochsHosts.loaded(root));

        assertThat(backend.listTypes(MBOCHS)).extracting(VgpuType::id, VgpuType::framebufferMib, VgpuType::maxInstances, VgpuType::availableInstances)
                .containsExactly(tuple("mbochs-large", 64L, 4, 4),
                        tuple("mbochs-medium", 16L, 16, 16),
                        tuple("mbochs-small", 4L, 64, 64));
    }

    @Test
    void oneLargeInstanceLowersEveryTypeAsTheRealKernelDoes()
    {
        open(MbochsHosts.loaded(root));

        VirtualGpu large = backend.create(new CreateRequest(MBOCHS, "mbochs-large", Optional.of(UUID)));

        assertThat(large.devicePath()).isEqualTo("/sys/bus/mdev/devices/" + UUID);
        assertThat(kernel.exists("/sys/bus/mdev/devices/" + UUID + "/iommu_group")).isTrue();
        assertThat(backend.listTypes(MBOCHS)).extracting(VgpuType::availableInstances).containsExactly(3, 12, 48);
        assertThat(backend.listTypes(MBOCHS)).extracting(VgpuType::maxInstances).containsExactly(4, 16, 64);
        assertThat(backend.instances()).extracting(VirtualGpu::id, VirtualGpu::typeId).containsExactly(tuple(UUID, "mbochs-large"));
    }

    @Test
    void withoutTheModuleParameterTheMaximumIsWhatIsFreePlusWhatIsUsed()
    {
        SimulatedHost host = MbochsHosts.loaded(root);
        assertThat(root.resolve("sys/module/mbochs/parameters/count").toFile().delete()).isTrue();
        open(host);
        backend.create(new CreateRequest(MBOCHS, "mbochs-medium", Optional.of(UUID)));

        assertThat(backend.listTypes(MBOCHS)).extracting(VgpuType::maxInstances).containsExactly(3, 16, 64);
    }

    @Test
    void runningOutIsNoCapacityAndWritesNothing()
    {
        open(MbochsHosts.loaded(root));
        for (int index = 0; index < 4; index++) {
            backend.create(new CreateRequest(MBOCHS, "mbochs-large", Optional.empty()));
        }
        kernel.clearWrites();

        VfioException error = catchThrowableOfType(() -> backend.create(new CreateRequest(MBOCHS, "mbochs-small", Optional.of(UUID))), VfioException.class);

        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.NO_CAPACITY);
        assertThat(error).hasMessageContaining("no room for another mbochs-small (4 MB) on mbochs");
        assertThat(kernel.writes()).isEmpty();
    }

    @Test
    void theKernelsEnospcIsNoCapacity()
    {
        open(MbochsHosts.loaded(root));
        kernel.failWrite("/sys/class/mdev_bus/mbochs/mdev_supported_types/mbochs-small/create", Errno.ENOSPC);

        VfioException error = catchThrowableOfType(() -> backend.create(new CreateRequest(MBOCHS, "mbochs-small", Optional.of(UUID))), VfioException.class);

        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.NO_CAPACITY);
        assertThat(error.errno()).contains(Errno.ENOSPC);
    }

    @Test
    void aDuplicateUuidIsAlreadyExists()
    {
        open(MbochsHosts.loaded(root));
        backend.create(new CreateRequest(MBOCHS, "mbochs-small", Optional.of(UUID)));

        VfioException error = catchThrowableOfType(() -> backend.create(new CreateRequest(MBOCHS, "mbochs-medium", Optional.of(UUID.toUpperCase()))),
                VfioException.class);

        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.ALREADY_EXISTS);
    }

    @Test
    void aMalformedUuidNeverReachesAPath()
    {
        open(MbochsHosts.loaded(root));

        VfioException error = catchThrowableOfType(() -> backend.create(new CreateRequest(MBOCHS, "mbochs-small", Optional.of("../../../../etc/passwd"))),
                VfioException.class);

        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.INVALID_ARGUMENT);
        assertThat(error).hasMessage("invalid mdev UUID '../../../../etc/passwd' (expected 8-4-4-4-12 hexadecimal digits)");
        assertThat(kernel.writes()).isEmpty();
    }

    @Test
    void anotherGpuIsNotFound()
    {
        open(MbochsHosts.loaded(root));

        VfioException error = catchThrowableOfType(() -> backend.listTypes(GpuId.parse("mdpy")), VfioException.class);

        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.DEVICE_NOT_FOUND);
        assertThat(error).hasMessage("no GPU mdpy in backend sample-mbochs (it serves only 'mbochs')");
    }

    @Test
    void aMalformedDescriptionIsAnErrorNamingTheFile()
    {
        SimulatedHost host = MbochsHosts.loaded(root);
        host.writeAttribute("sys/devices/virtual/mbochs/mbochs/mdev_supported_types/mbochs-small/description", "virtual display, lots of video memory");
        open(host);

        VfioException error = catchThrowableOfType(() -> backend.listTypes(MBOCHS), VfioException.class);

        assertThat(error).hasMessageStartingWith("/sys/class/mdev_bus/mbochs/mdev_supported_types/mbochs-small/description: malformed value");
    }

    @Test
    void anMdevOfAnotherDriverIsNotDestroyed()
    {
        SimulatedHost host = MbochsHosts.loaded(root);
        host.virtualMdevParent("mdpy");
        host.mdevType("mdpy", "mdpy-vga", "mdpy-vga", "virtual display, 640x480 framebuffer", 4);
        open(host);
        kernel.write("/sys/class/mdev_bus/mdpy/mdev_supported_types/mdpy-vga/create", UUID);
        kernel.clearWrites();

        VfioException error = catchThrowableOfType(() -> backend.destroy(new VirtualGpu(UUID, MBOCHS, "mbochs-small", Mechanism.MDEV, Optional.empty(),
                "/sys/bus/mdev/devices/" + UUID)), VfioException.class);

        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.INSTANCE_NOT_FOUND);
        assertThat(kernel.writes()).isEmpty();
        assertThat(kernel.exists("/sys/bus/mdev/devices/" + UUID)).isTrue();
    }

    @Test
    void withoutMbochsTheProbeDeclinesWithTheFix()
    {
        SimulatedHost host = SimulatedHost.create(root, "quiet");
        open(host);

        assertThat(new MbochsBackendProvider().probe(new KernelContext(kernel)).reason()).contains("modprobe mbochs");
        assertThat(backend.discover()).isEmpty();
        assertThat(backend.instances()).isEmpty();
    }
}
