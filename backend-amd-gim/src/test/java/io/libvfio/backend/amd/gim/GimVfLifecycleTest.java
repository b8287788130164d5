package io.libvfio.backend.amd.gim;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.GpuId;
import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.Backend;
import io.libvfio.testkit.FakeKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Handing out and giving back GIM VFs on the fake kernel (S7150: VF 0 on vfio-pci, VF 3 on amdgpu, VFs 1 and 2 unbound). */
final class GimVfLifecycleTest
{
    private static final PciAddress VF1 = PciAddress.parse("0000:03:02.1");

    @TempDir
    Path root;

    private static Backend backend(FakeKernel kernel)
    {
        return new AmdGimBackendProvider().create(KernelContexts.of(kernel, new AmdGimBackendProvider()));
    }

    @Test
    void theAcceptableTypeNameTakesAnUnboundVfByItsOverrideAndDestroyClearsIt()
    {
        FakeKernel kernel = FakeKernel.on(AmdHosts.s7150(root));

        VirtualGpu made = backend(kernel).create(new CreateRequest(AmdHosts.S7150, "S7150", Optional.empty()));

        assertThat(made.function()).contains(VF1);
        assertThat(made.typeId()).isEqualTo("S7150-2048M");
        assertThat(kernel.writes()).extracting(write -> write.path() + "=" + write.value())
                .containsExactly("/sys/bus/pci/devices/0000:03:02.1/driver_override=vfio-pci");
        assertThat(backend(kernel).instances()).containsExactly(made);
        assertThat(backend(kernel).listTypes(GpuId.of(AmdHosts.S7150)).get(0).availableInstances()).as("VF 0 and VF 2 stay free").isEqualTo(2);

        backend(kernel).destroy(made);

        assertThat(kernel.read("/sys/bus/pci/devices/0000:03:02.1/driver_override")).contains("(null)");
        assertThat(backend(kernel).instances()).isEmpty();
    }

    @Test
    void whenEveryFreeVfIsHandedOutTheNextIsNoCapacity()
    {
        FakeKernel kernel = FakeKernel.on(AmdHosts.s7150(root));
        for (int taken = 0; taken < 3; taken++) {
            backend(kernel).create(new CreateRequest(AmdHosts.S7150, "S7150-2048M", Optional.empty()));
        }
        kernel.clearWrites();

        VfioException failure = catchThrowableOfType(() -> backend(kernel).create(new CreateRequest(AmdHosts.S7150, "S7150", Optional.empty())),
                VfioException.class);

        assertThat(failure.errorCode()).isEqualTo(StandardErrorCode.NO_CAPACITY);
        assertThat(failure.getMessage()).isEqualTo("all 4 VFs of 0000:03:00.0 are in use (bound to a host driver or handed out)");
        assertThat(kernel.writes()).isEmpty();
    }

    @Test
    void aVfThatIsNotHandedOutIsNotAnInstance()
    {
        FakeKernel kernel = FakeKernel.on(AmdHosts.s7150(root));

        VfioException failure = catchThrowableOfType(() -> backend(kernel).destroy(GimVfs.instance(AmdHosts.S7150, "S7150-2048M", VF1)),
                VfioException.class);

        assertThat(failure.errorCode()).isEqualTo(StandardErrorCode.INSTANCE_NOT_FOUND);
        assertThat(kernel.writes()).isEmpty();
    }
}
