package io.libvfio.testkit;

import io.libvfio.api.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.libvfio.testkit.KernelAssertions.assertRefused;
import static io.libvfio.testkit.TestHosts.AUDIO;
import static io.libvfio.testkit.TestHosts.BRIDGE;
import static io.libvfio.testkit.TestHosts.GPU;
import static io.libvfio.testkit.TestHosts.GPU2;
import static io.libvfio.testkit.TestHosts.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class FakeKernelBindingTest
{
    private static final String VFIO = "/sys/bus/pci/drivers/vfio-pci/";
    private static final String PROBE = "/sys/bus/pci/drivers_probe";

    @TempDir
    Path root;

    private FakeKernel kernel;

    @BeforeEach
    void setUp()
    {
        kernel = FakeKernel.on(TestHosts.passthrough(root));
    }

    @Test
    void driverOverrideIsStoredUpToTheFirstNewlineAndClearedByAnEmptyValue()
    {
        String override = device(GPU) + "/driver_override";
        kernel.write(override, "vfio-pci\nignored");
        assertThat(kernel.read(override)).contains("vfio-pci");
        assertThat(kernel.linkName(device(GPU) + "/driver")).as("writing an override does not unbind").contains("nvidia");

        kernel.write(override, "\n");
        assertThat(kernel.read(override)).contains("(null)");
        kernel.write(override, "pci-stub");
        kernel.write(override, "");
        assertThat(kernel.read(override)).contains("(null)");
    }

    /** As VFIO_GROUP_GET_STATUS on a real 6.1 kernel (examples/testbed): a member on a DMA-API driver makes the group not viable. */
    @Test
    void aGroupIsViableOnlyWhileNoMemberIsOnAHostDriver()
    {
        assertThatThrownBy(() -> kernel.vfioGroupViable(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("/dev/vfio/1");
        kernel.write(device(GPU) + "/driver_override", "vfio-pci");
        kernel.write("/sys/bus/pci/drivers/nvidia/unbind", GPU);
        kernel.write(PROBE, GPU);

        assertThat(kernel.vfioGroupViable(1)).as("the audio function is on snd_hda_intel").isFalse();
        kernel.write("/sys/bus/pci/drivers/snd_hda_intel/unbind", AUDIO);
        assertThat(kernel.vfioGroupViable(1)).isTrue();
        kernel.write(device(AUDIO) + "/driver_override", "pci-stub");
        kernel.host().driver("pci-stub");
        kernel.write(PROBE, AUDIO);
        assertThat(kernel.linkName(device(AUDIO) + "/driver")).contains("pci-stub");
        assertThat(kernel.vfioGroupViable(1)).as("pci-stub manages DMA itself").isTrue();
    }

    @Test
    void aDriverOverrideOfAPageOrMoreIsEinval()
    {
        assertRefused(kernel, device(GPU) + "/driver_override", "x".repeat(4095), Errno.EINVAL);
        kernel.write(device(GPU) + "/driver_override", "x".repeat(4094));
        assertThat(kernel.read(device(GPU) + "/driver_override")).get().asString().hasSize(4094);
    }

    @Test
    void theDriverOverrideProcedureMovesTheDeviceToVfioAndBack()
    {
        kernel.write(device(GPU) + "/driver_override", "vfio-pci");
        kernel.write(device(GPU) + "/driver/unbind", GPU);
        assertThat(kernel.exists(device(GPU) + "/driver")).isFalse();
        assertThat(kernel.exists("/sys/bus/pci/drivers/nvidia/" + GPU)).isFalse();
        assertThat(kernel.exists("/dev/vfio")).isFalse();

        kernel.write(PROBE, GPU + "\n");

        assertThat(kernel.linkName(device(GPU) + "/driver")).contains("vfio-pci");
        assertThat(kernel.readLink(VFIO + GPU)).contains("../../../../devices/pci0000:00/0000:00:01.0/0000:01:00.0");
        assertThat(kernel.exists("/dev/vfio/1")).isTrue();

        kernel.write(device(GPU) + "/driver_override", "\n");
        kernel.write(VFIO + "unbind", GPU);
        assertThat(kernel.exists("/dev/vfio/1")).isFalse();
        assertThat(kernel.exists("/dev/vfio")).isFalse();
        kernel.write(PROBE, GPU);

        assertThat(kernel.linkName(device(GPU) + "/driver")).contains("nvidia");
    }

    @Test
    void theVfioNodeStaysWhileAnyMemberOfTheGroupIsOnVfio()
    {
        for (String bdf : new String[] {GPU, AUDIO}) {
            kernel.write(device(bdf) + "/driver_override", "vfio-pci");
            kernel.write(device(bdf) + "/driver/unbind", bdf);
            kernel.write(VFIO + "bind", bdf);
        }
        kernel.write(VFIO + "unbind", GPU);
        assertThat(kernel.exists("/dev/vfio/1")).isTrue();

        kernel.write(VFIO + "unbind", AUDIO);
        assertThat(kernel.exists("/dev/vfio/1")).isFalse();
    }

    @Test
    void bindingAnUnknownDeviceIsEnodev()
    {
        assertRefused(kernel, VFIO + "bind", "0000:09:00.0", Errno.ENODEV);
        assertRefused(kernel, VFIO + "bind", "01:00.0", Errno.ENODEV);
        assertRefused(kernel, VFIO + "bind", "garbage", Errno.ENODEV);
    }

    @Test
    void bindingABoundDeviceIsEbusy()
    {
        kernel.write(device(GPU) + "/driver_override", "vfio-pci");
        assertRefused(kernel, VFIO + "bind", GPU, Errno.EBUSY);
        assertRefused(kernel, "/sys/bus/pci/drivers/nvidia/bind", GPU2, Errno.EBUSY);
    }

    @Test
    void bindingADriverOtherThanTheOverrideIsEnodev()
    {
        kernel.write(device(GPU) + "/driver_override", "pci-stub");
        kernel.write(device(GPU) + "/driver/unbind", GPU);

        assertRefused(kernel, VFIO + "bind", GPU, Errno.ENODEV);
        assertRefused(kernel, "/sys/bus/pci/drivers/nvidia/bind", GPU, Errno.ENODEV);
    }

    @Test
    void vfioWithoutOverrideOrDynamicIdIsEnodevAndANativeDriverBinds()
    {
        kernel.write(device(GPU) + "/driver/unbind", GPU);

        assertRefused(kernel, VFIO + "bind", GPU, Errno.ENODEV);
        assertRefused(kernel, "/sys/bus/pci/drivers/snd_hda_intel/bind", GPU, Errno.ENODEV);
        kernel.write("/sys/bus/pci/drivers/nvidia/bind", GPU);
        assertThat(kernel.linkName(device(GPU) + "/driver")).contains("nvidia");
    }

    @Test
    void vfioRefusesBridgesWithEinval()
    {
        kernel.write(device(BRIDGE) + "/driver_override", "vfio-pci");
        kernel.write(device(BRIDGE) + "/driver/unbind", BRIDGE);

        assertRefused(kernel, VFIO + "bind", BRIDGE, Errno.EINVAL);
        kernel.write(PROBE, BRIDGE);
        assertThat(kernel.exists(device(BRIDGE) + "/driver")).as("drivers_probe succeeds but nothing binds").isFalse();
    }

    @Test
    void unbindingFromADriverTheDeviceIsNotOnIsEnodev()
    {
        assertRefused(kernel, VFIO + "unbind", GPU, Errno.ENODEV);
        assertRefused(kernel, VFIO + "unbind", "0000:09:00.0", Errno.ENODEV);
        kernel.write("/sys/bus/pci/drivers/nvidia/unbind", GPU);
        assertRefused(kernel, "/sys/bus/pci/drivers/nvidia/unbind", GPU, Errno.ENODEV);
    }

    @Test
    void driversProbeIsEnodevForUnknownDevicesAndANoOpForBoundOnes()
    {
        assertRefused(kernel, PROBE, "0000:09:00.0", Errno.ENODEV);
        kernel.write(device(GPU) + "/driver_override", "vfio-pci");
        kernel.write(PROBE, GPU);
        assertThat(kernel.linkName(device(GPU) + "/driver")).contains("nvidia");
    }

    @Test
    void driversProbeWithAnOverrideOfAnAbsentDriverLeavesTheDeviceUnbound()
    {
        kernel.write(device(GPU) + "/driver_override", "none");
        kernel.write(device(GPU) + "/driver/unbind", GPU);

        kernel.write(PROBE, GPU);

        assertThat(kernel.exists(device(GPU) + "/driver")).isFalse();
        assertThat(kernel.writes()).allMatch(KernelWrite::succeeded);
    }

    @Test
    void driversProbeUsesAConfiguredNativeDriver()
    {
        kernel.nativeDriver(GPU, "nouveau");
        kernel.host().driver("nouveau");
        kernel.write(device(GPU) + "/driver/unbind", GPU);

        kernel.write(PROBE, GPU);

        assertThat(kernel.linkName(device(GPU) + "/driver")).contains("nouveau");
    }

    @Test
    void newIdBindsEveryUnboundMatchingDeviceAndOnlyThose()
    {
        kernel.write(device(GPU) + "/driver/unbind", GPU);
        kernel.write(device(AUDIO) + "/driver/unbind", AUDIO);

        kernel.write(VFIO + "new_id", "10de 1eb8");

        assertThat(kernel.linkName(device(GPU) + "/driver")).contains("vfio-pci");
        assertThat(kernel.linkName(device(GPU2) + "/driver")).as("already bound").contains("nvidia");
        assertThat(kernel.exists(device(AUDIO) + "/driver")).isFalse();
        assertThat(kernel.exists("/dev/vfio/1")).isTrue();
        assertThat(kernel.dynamicIds("vfio-pci")).containsExactly("10de 1eb8 ffffffff ffffffff 0 0");
    }

    @Test
    void newIdNeedsTwoHexFieldsAndRefusesAnIdTheDriverAlreadyMatches()
    {
        assertRefused(kernel, VFIO + "new_id", "10de", Errno.EINVAL);
        assertRefused(kernel, VFIO + "new_id", "zz 10", Errno.EINVAL);
        kernel.write(VFIO + "new_id", "10de 10f8\n");
        assertRefused(kernel, VFIO + "new_id", "10de 10f8", Errno.EEXIST);
        assertRefused(kernel, "/sys/bus/pci/drivers/nvidia/new_id", "10de 1eb8", Errno.EEXIST);
    }

    @Test
    void removeIdDeletesOnlyAnExistingDynamicIdAndUnbindsNothing()
    {
        kernel.write(device(AUDIO) + "/driver/unbind", AUDIO);
        kernel.write(VFIO + "new_id", "10de 10f8");
        assertThat(kernel.linkName(device(AUDIO) + "/driver")).contains("vfio-pci");

        assertRefused(kernel, VFIO + "remove_id", "10de 1eb8", Errno.ENODEV);
        assertRefused(kernel, VFIO + "remove_id", "10de", Errno.EINVAL);
        kernel.write(VFIO + "remove_id", "10de 10f8");

        assertThat(kernel.dynamicIds("vfio-pci")).isEmpty();
        assertThat(kernel.linkName(device(AUDIO) + "/driver")).contains("vfio-pci");
        assertRefused(kernel, VFIO + "remove_id", "10de 10f8", Errno.ENODEV);
    }

    @Test
    void devicesAddedAfterTheKernelStartedRememberTheirDriverWhenFirstSeen()
    {
        kernel.host().add(SimulatedHost.function("0000:05:00.0").ids(0x8086, 0x1533).classCode(0x020000).driver("igb").iommuGroup(9));
        kernel.write(device("0000:05:00.0") + "/driver/unbind", "0000:05:00.0");
        assertThat(kernel.exists(device("0000:05:00.0") + "/driver")).isFalse();

        kernel.write(PROBE, "0000:05:00.0");

        assertThat(kernel.linkName(device("0000:05:00.0") + "/driver")).contains("igb");
    }

    @Test
    void enableIsEbusyWhileBoundAndCountsOtherwise()
    {
        assertRefused(kernel, device(GPU) + "/enable", "0", Errno.EBUSY);
        kernel.write(device(GPU) + "/driver/unbind", GPU);
        assertThat(kernel.read(device(GPU) + "/enable")).contains("0");
        assertRefused(kernel, device(GPU) + "/enable", "0", Errno.EIO);
        assertRefused(kernel, device(GPU) + "/enable", "yes", Errno.EINVAL);
        kernel.write(device(GPU) + "/enable", "1");
        assertThat(kernel.read(device(GPU) + "/enable")).contains("1");
    }

    @Test
    void resetTakesOnlyOneAndResetMethodOnlyKnownNames()
    {
        kernel.write(device(GPU) + "/reset", "1");
        assertRefused(kernel, device(GPU) + "/reset", "2", Errno.EINVAL);
        assertRefused(kernel, device(GPU) + "/reset_method", "bogus", Errno.EINVAL);
        assertThat(kernel.read(device(GPU) + "/reset_method")).contains("flr");
        kernel.write(device(GPU) + "/reset_method", "bus flr\n");
        assertThat(kernel.read(device(GPU) + "/reset_method")).contains("bus flr");
        kernel.write(device(GPU) + "/reset_method", "");
        assertThat(kernel.read(device(GPU) + "/reset_method")).contains("");
    }

    @Test
    void removeTakesTheFunctionAndItsLinksAway()
    {
        assertRefused(kernel, device(AUDIO) + "/remove", "x", Errno.EINVAL);
        kernel.write(device(AUDIO) + "/remove", "0");
        assertThat(kernel.exists(device(AUDIO))).isTrue();

        kernel.write(device(AUDIO) + "/remove", "1");

        assertThat(kernel.exists(device(AUDIO))).isFalse();
        assertThat(kernel.snapshot().keySet()).noneMatch(path -> path.contains(AUDIO));
        assertThat(kernel.list("/sys/kernel/iommu_groups/1/devices")).containsExactly(GPU);
    }
}
