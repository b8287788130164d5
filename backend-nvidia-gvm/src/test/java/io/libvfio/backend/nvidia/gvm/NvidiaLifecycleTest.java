package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.GpuId;
import io.libvfio.api.CreateRequest;
import io.libvfio.api.Errno;
import io.libvfio.api.GpuId;
import io.libvfio.api.ErrorCode;
import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VirtualGpu;
import io.libvfio.testkit.FakeKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Create, destroy and instances of both NVIDIA mechanisms on the fake kernel: choices, refusals, the bounded clear. */
final class NvidiaLifecycleTest
{
    private static final String UUID = "5a1d1bc4-8c35-4f0a-9c1e-3b2f6a7d9e01";
    private static final String UUID2 = "0000000a-0000-0000-0000-000000000100";
    private static final PciAddress VF0 = PciAddress.parse("0000:3d:00.4");
    private static final PciAddress VF1 = PciAddress.parse("0000:3d:00.5");

    @TempDir
    Path root;

    private static NvidiaGvmBackend backend(FakeKernel kernel)
    {
        return (NvidiaGvmBackend) new NvidiaGvmBackendProvider().create(KernelContexts.context(kernel));
    }

    private static ErrorCode codeOf(Runnable action)
    {
        VfioException error = catchThrowableOfType(action::run, VfioException.class);
        assertThat(error).as("a VfioException").isNotNull();
        return error.errorCode();
    }

    @Test
    void anMdevIsCreatedWithTheGivenUuidAndListedAsAnInstance()
    {
        FakeKernel kernel = FakeKernel.on(NvidiaHosts.rtx6000(root));

        VirtualGpu made = backend(kernel).create(new CreateRequest(NvidiaHosts.RTX6000, "nvidia-257", Optional.of(UUID.toUpperCase())));

        assertThat(made).isEqualTo(new VirtualGpu(UUID, NvidiaHosts.RTX6000, "nvidia-257", Mechanism.MDEV, Optional.empty(), "/sys/bus/mdev/devices/" + UUID));
        assertThat(kernel.writes()).extracting(write -> write.path() + " <- " + write.value())
                .containsExactly("/sys/bus/pci/devices/0000:3b:00.0/mdev_supported_types/nvidia-257/create <- " + UUID);
        assertThat(backend(kernel).instances()).containsExactly(made);
    }

    @Test
    void onceOneTypeRunsTheOthersHaveNoCapacityAndTheMessageSaysWhy()
    {
        FakeKernel kernel = FakeKernel.on(NvidiaHosts.rtx6000(root));
        backend(kernel).create(new CreateRequest(NvidiaHosts.RTX6000, "nvidia-257", Optional.of(UUID)));
        kernel.clearWrites();

        VfioException error = catchThrowableOfType(() -> backend(kernel).create(new CreateRequest(NvidiaHosts.RTX6000, "nvidia-256", Optional.empty())),
                VfioException.class);

        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.NO_CAPACITY);
        assertThat(error.getMessage()).isEqualTo("no free instance of nvidia-256 on 0000:3b:00.0: the GPU runs nvidia-257, and an NVIDIA GPU runs one vGPU type at a time");
        assertThat(kernel.writes()).isEmpty();
    }

    @Test
    void aMalformedOrDuplicateUuidWritesNothing()
    {
        FakeKernel kernel = FakeKernel.on(NvidiaHosts.rtx6000(root));
        backend(kernel).create(new CreateRequest(NvidiaHosts.RTX6000, "nvidia-256", Optional.of(UUID)));
        kernel.clearWrites();

        assertThat(codeOf(() -> backend(kernel).create(new CreateRequest(NvidiaHosts.RTX6000, "nvidia-256", Optional.of("5a1d1bc4-8c35"))))).isEqualTo(StandardErrorCode.INVALID_ARGUMENT);
        assertThat(codeOf(() -> backend(kernel).create(new CreateRequest(NvidiaHosts.RTX6000, "nvidia-256", Optional.of("../../x-8c35-4f0a-9c1e-3b2f6a7d9e01"))))).isEqualTo(StandardErrorCode.INVALID_ARGUMENT);
        assertThat(codeOf(() -> backend(kernel).create(new CreateRequest(NvidiaHosts.RTX6000, "nvidia-256", Optional.of(UUID))))).isEqualTo(StandardErrorCode.ALREADY_EXISTS);
        assertThat(kernel.writes()).isEmpty();
    }

    @Test
    void kernelRefusalsOfCreateBecomeTheErrorsTheSpecMeans()
    {
        for (Errno errno : List.of(Errno.EEXIST, Errno.ENOSPC, Errno.EDQUOT, Errno.EBUSY, Errno.EINVAL, Errno.EIO, Errno.EPERM)) {
            FakeKernel kernel = FakeKernel.on(NvidiaHosts.rtx6000(root.resolve(errno.name())));
            SortedMap<String, String> before = kernel.snapshot();
            kernel.failWrite("**/create", errno);

            VfioException error = catchThrowableOfType(() -> backend(kernel).create(new CreateRequest(NvidiaHosts.RTX6000, "nvidia-256", Optional.of(UUID))),
                    VfioException.class);

            ErrorCode expected = switch (errno) {
                case EEXIST -> StandardErrorCode.ALREADY_EXISTS;
                case ENOSPC, EDQUOT -> StandardErrorCode.NO_CAPACITY;
                case EBUSY -> StandardErrorCode.DEVICE_BUSY;
                case EINVAL -> StandardErrorCode.INVALID_ARGUMENT;
                case EPERM -> StandardErrorCode.ACCESS_DENIED;
                default -> StandardErrorCode.HOST_WRITE_FAILED;
            };
            assertThat(error.errorCode()).as("create refused with %s", errno).isEqualTo(expected);
            assertThat(error.errno()).contains(errno);
            assertThat(error.getMessage()).startsWith("create nvidia-256 on 0000:3b:00.0: write error: /sys/bus/pci/devices/0000:3b:00.0/mdev_supported_types/nvidia-256/create");
            assertThat(kernel.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void onAnAmpereTheFirstVfWithAFreeInstanceIsTheParent()
    {
        FakeKernel kernel = FakeKernel.on(NvidiaHosts.a10(root));

        VirtualGpu made = backend(kernel).create(new CreateRequest(NvidiaHosts.A10, "nvidia-588", Optional.of(UUID)));

        assertThat(made.parent()).isEqualTo(GpuId.of(NvidiaHosts.A10));
        assertThat(kernel.writes().get(0).path()).isEqualTo("/sys/bus/pci/devices/0000:41:00.5/mdev_supported_types/nvidia-588/create");
        assertThat(codeOf(() -> backend(kernel).create(new CreateRequest(NvidiaHosts.A10, "nvidia-589", Optional.of(UUID2))))).isEqualTo(StandardErrorCode.NO_CAPACITY);
    }

    @Test
    void aVendorVfioVgpuTakesTheFirstFreeVfThatListsTheType()
    {
        FakeKernel kernel = FakeKernel.on(NvidiaHosts.l40sRunning(root));

        VirtualGpu made = backend(kernel).create(new CreateRequest(NvidiaHosts.L40S, "1148", Optional.empty()));

        assertThat(made).isEqualTo(new VirtualGpu("0000:3d:00.4", NvidiaHosts.L40S, "1148", Mechanism.VENDOR_VFIO, Optional.of(VF0), "/sys/bus/pci/devices/0000:3d:00.4"));
        assertThat(backend(kernel).instances()).extracting(VirtualGpu::id).containsExactly("0000:3d:00.4", "0000:3d:00.5");
        VfioException other = catchThrowableOfType(() -> backend(kernel).create(new CreateRequest(NvidiaHosts.L40S, "1145", Optional.empty())), VfioException.class);
        assertThat(other.errorCode()).isEqualTo(StandardErrorCode.NO_CAPACITY);
        assertThat(other.getMessage()).contains("the GPU runs vGPU type 1148");
    }

    @Test
    void aRequestCanNameTheVfAndAVfThatHoldsAVgpuIsRefused()
    {
        FakeKernel kernel = FakeKernel.on(NvidiaHosts.l40sRunning(root));

        assertThat(codeOf(() -> backend(kernel).create(new CreateRequest(NvidiaHosts.L40S, "1148", Optional.of(VF1.toString()))))).isEqualTo(StandardErrorCode.ALREADY_EXISTS);
        assertThat(codeOf(() -> backend(kernel).create(new CreateRequest(NvidiaHosts.L40S, "1148", Optional.of("0000:3d:00.4;reboot"))))).isEqualTo(StandardErrorCode.INVALID_ARGUMENT);
        assertThat(kernel.writes()).isEmpty();
        VirtualGpu made = backend(kernel).create(new CreateRequest(NvidiaHosts.L40S, "1148", Optional.of("0000:3d:00.7")));
        assertThat(made.function()).contains(PciAddress.parse("0000:3d:00.7"));
    }

    @Test
    void destroyRetriesTheClearUntilItReadsZeroAndWaitsThroughTheSleeper()
    {
        FakeKernel kernel = FakeKernel.on(NvidiaHosts.l40sFree(root));
        VirtualGpu made = backend(kernel).create(new CreateRequest(NvidiaHosts.L40S, "1148", Optional.empty()));
        kernel.failWrite("/nvidia/current_vgpu_type", Errno.EBUSY, 1);
        kernel.failWrite("/nvidia/current_vgpu_type", Errno.EBUSY, 2);
        SleeplessContext context = KernelContexts.context(kernel);

        new NvidiaGvmBackendProvider().create(context).destroy(made);

        assertThat(kernel.read("/sys/bus/pci/devices/0000:3d:00.4/nvidia/current_vgpu_type")).contains("0");
        assertThat(context.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void aClearThatNeverTakesGivesUpAfterTheBoundWithTheKernelsError()
    {
        FakeKernel kernel = FakeKernel.on(NvidiaHosts.l40sFree(root));
        VirtualGpu made = backend(kernel).create(new CreateRequest(NvidiaHosts.L40S, "1148", Optional.empty()));
        for (int attempt = 1; attempt <= VendorVfioLifecycle.CLEAR_ATTEMPTS; attempt++) {
            kernel.failWrite("/nvidia/current_vgpu_type", Errno.EBUSY, attempt);
        }
        SleeplessContext context = KernelContexts.context(kernel);

        VfioException error = catchThrowableOfType(() -> new NvidiaGvmBackendProvider().create(context).destroy(made), VfioException.class);

        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.DEVICE_BUSY);
        assertThat(error.getMessage()).contains("a VM still holds the vGPU");
        assertThat(context.sleeps()).hasSize(VendorVfioLifecycle.CLEAR_ATTEMPTS - 1);
        assertThat(kernel.writes()).hasSize(1 + VendorVfioLifecycle.CLEAR_ATTEMPTS);
        assertThat(kernel.read("/sys/bus/pci/devices/0000:3d:00.4/nvidia/current_vgpu_type")).contains("1148");
    }

    @Test
    void destroyNamesWhatIsWrongAndWritesNothingForAnInstanceThatIsNotThere()
    {
        FakeKernel kernel = FakeKernel.on(NvidiaHosts.l40sRunning(root));
        NvidiaGvmBackend backend = backend(kernel);

        assertThat(codeOf(() -> backend.destroy(new VirtualGpu("0000:3d:00.4", NvidiaHosts.L40S, "1148", Mechanism.VENDOR_VFIO, Optional.of(VF0), "x"))))
                .isEqualTo(StandardErrorCode.INSTANCE_NOT_FOUND);
        assertThat(codeOf(() -> backend.destroy(new VirtualGpu("0000:3d:00.5", NvidiaHosts.L40S, "1145", Mechanism.VENDOR_VFIO, Optional.of(VF1), "x"))))
                .isEqualTo(StandardErrorCode.INSTANCE_NOT_FOUND);
        assertThat(codeOf(() -> backend.destroy(new VirtualGpu("../../../etc", NvidiaHosts.L40S, "nvidia-1", Mechanism.MDEV, Optional.empty(), "x"))))
                .isEqualTo(StandardErrorCode.INVALID_ARGUMENT);
        assertThat(kernel.writes()).isEmpty();
        assertThat(Collections.frequency(backend.instances().stream().map(VirtualGpu::id).toList(), "0000:3d:00.5")).isEqualTo(1);
    }
}
