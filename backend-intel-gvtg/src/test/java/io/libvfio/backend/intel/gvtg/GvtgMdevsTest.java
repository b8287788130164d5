package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.Errno;
import io.libvfio.api.Mechanism;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.Backend;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.IntelGvtg;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** GVT-g mdevs on the fake kernel: the writes, and what the kernel's refusals mean to a user. */
final class GvtgMdevsTest
{
    private static final String UUID = "0F9E3c2a-1b2c-4d5e-8f90-a1b2c3d4e5f6";
    private static final String CREATE = "/sys/bus/pci/devices/0000:00:02.0/mdev_supported_types/i915-GVTg_V5_4/create";

    @TempDir
    Path root;

    private FakeKernel kernel()
    {
        SimulatedHost host = IntelHosts.coffeeLake(root, 0x3e92);
        IntelHosts.modules(host, "Y", true);
        IntelGvtg.addTypes(host, IntelHosts.IGPU, 256, 4096, 32, 9);
        return FakeKernel.on(host);
    }

    private static Backend backend(FakeKernel kernel)
    {
        return new IntelGvtgBackendProvider().create(KernelContexts.of(kernel, new IntelGvtgBackendProvider()));
    }

    @Test
    void createWritesTheLowerCaseUuidAndDestroyRemovesIt()
    {
        FakeKernel kernel = kernel();

        VirtualGpu made = backend(kernel).create(new CreateRequest(IntelHosts.IGPU, "i915-GVTg_V5_4", Optional.of(UUID)));

        assertThat(made.id()).isEqualTo("0f9e3c2a-1b2c-4d5e-8f90-a1b2c3d4e5f6");
        assertThat(kernel.writes()).extracting(write -> write.path() + "=" + write.value()).containsExactly(CREATE + "=" + made.id());
        assertThat(backend(kernel).instances()).containsExactly(made);

        backend(kernel).destroy(made);

        assertThat(kernel.writes()).last().extracting(write -> write.path() + "=" + write.value())
                .isEqualTo("/sys/bus/mdev/devices/" + made.id() + "/remove=1");
        assertThat(backend(kernel).instances()).isEmpty();
    }

    @Test
    void aFullApertureIsNoCapacityAndLeavesNoMdev()
    {
        FakeKernel kernel = kernel();
        kernel.failWrite(CREATE, Errno.ENOSPC);

        VfioException failure = catchThrowableOfType(
                () -> backend(kernel).create(new CreateRequest(IntelHosts.IGPU, "i915-GVTg_V5_4", Optional.of(UUID))), VfioException.class);

        assertThat(failure.errorCode()).isEqualTo(StandardErrorCode.NO_CAPACITY);
        assertThat(failure.errno()).contains(Errno.ENOSPC);
        assertThat(failure.getMessage()).startsWith("no room for another i915-GVTg_V5_4 vGPU");
        assertThat(backend(kernel).instances()).isEmpty();
    }

    @Test
    void anMdevOfAnotherBackendIsNotFound()
    {
        FakeKernel kernel = kernel();
        VirtualGpu foreign = new VirtualGpu(UUID, IntelHosts.IGPU, "nvidia-46", Mechanism.MDEV, Optional.empty(), "/sys/bus/mdev/devices/" + UUID);

        VfioException failure = catchThrowableOfType(() -> backend(kernel).destroy(foreign), VfioException.class);

        assertThat(failure.errorCode()).isEqualTo(StandardErrorCode.INSTANCE_NOT_FOUND);
        assertThat(kernel.writes()).isEmpty();
    }
}
