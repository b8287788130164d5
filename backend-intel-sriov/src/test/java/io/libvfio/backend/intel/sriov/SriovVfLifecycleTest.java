package io.libvfio.backend.intel.sriov;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.HostInventory;
import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.CommandRunner;
import io.libvfio.api.spi.HostFs;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.KernelWrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Enabling, provisioning, handing out and tearing down Flex VFs on the fake kernel (i915 prelim_iov). */
final class SriovVfLifecycleTest
{
    private static final String PF = "/sys/bus/pci/devices/0000:4d:00.0";
    private static final String IOV = PF + "/drm/card1/prelim_iov";
    private static final PciAddress VF1 = PciAddress.parse("0000:4d:00.1");
    private static final PciAddress VF2 = PciAddress.parse("0000:4d:00.2");

    @TempDir
    Path root;

    private static Backend backend(FakeKernel kernel, Map<String, String> settings)
    {
        BackendProvider provider = new IntelSriovBackendProvider();
        BackendContext base = KernelContexts.of(kernel, provider);
        return provider.create(new BackendContext()
        {
            @Override
            public HostFs fs()
            {
                return base.fs();
            }

            @Override
            public HostInventory inventory()
            {
                return base.inventory();
            }

            @Override
            public CommandRunner commands()
            {
                return base.commands();
            }

            @Override
            public Clock clock()
            {
                return base.clock();
            }

            @Override
            public Map<String, String> config()
            {
                return settings;
            }
        });
    }

    private static Backend backend(FakeKernel kernel)
    {
        return backend(kernel, Map.of());
    }

    @Test
    void theFirstVfEnablesAQuarterSplitWithVf1ProvisionedFirst()
    {
        FakeKernel kernel = FakeKernel.on(FlexPrelimIovContractTest.flex(root));

        VirtualGpu first = backend(kernel).create(new CreateRequest(SriovHosts.FLEX, "vfs-4", Optional.empty()));

        assertThat(first.function()).contains(VF1);
        assertThat(kernel.writes()).extracting(write -> write.path() + "=" + write.value()).containsExactly(
                PF + "/sriov_drivers_autoprobe=0",
                IOV + "/pf/auto_provisioning=0",
                IOV + "/vf1/gt/ggtt_quota=1040187392",
                IOV + "/vf1/gt/lmem_quota=3758096384",
                IOV + "/vf1/gt/contexts_quota=16256",
                IOV + "/vf1/gt/doorbells_quota=60",
                IOV + "/vf1/gt/exec_quantum_ms=16",
                IOV + "/vf1/gt/preempt_timeout_us=32000",
                PF + "/sriov_numvfs=4",
                "/sys/bus/pci/devices/0000:4d:00.1/driver_override=vfio-pci");
        assertThat(kernel.writes()).allMatch(KernelWrite::succeeded);
    }

    @Test
    void theLastVfGivenBackReturnsThePfToHowItWas()
    {
        FakeKernel kernel = FakeKernel.on(FlexPrelimIovContractTest.flex(root));
        SortedMap<String, String> before = kernel.snapshot();
        VirtualGpu first = backend(kernel).create(new CreateRequest(SriovHosts.FLEX, "vfs-4", Optional.empty()));
        VirtualGpu second = backend(kernel).create(new CreateRequest(SriovHosts.FLEX, "vfs-4", Optional.empty()));
        assertThat(second.function()).contains(VF2);
        assertThat(kernel.read(IOV + "/vf2/gt/lmem_quota")).contains("3758096384");
        assertThat(backend(kernel).instances()).containsExactly(first, second);

        backend(kernel).destroy(first);

        assertThat(kernel.read(PF + "/sriov_numvfs")).as("VF 2 is still handed out").contains("4");
        assertThat(kernel.read(IOV + "/vf1/gt/lmem_quota")).contains("0");

        backend(kernel).destroy(second);

        assertThat(kernel.snapshot()).isEqualTo(before);
    }

    @Test
    void settingsOverrideTheDefaultsAndAQuotaTheGpuCannotGiveIsNoCapacity()
    {
        FakeKernel kernel = FakeKernel.on(FlexPrelimIovContractTest.flex(root));
        SortedMap<String, String> before = kernel.snapshot();

        VfioException failure = catchThrowableOfType(() -> backend(kernel, Map.of(VfSettings.LMEM_MIB, "20000"))
                .create(new CreateRequest(SriovHosts.FLEX, "vfs-2", Optional.empty())), VfioException.class);

        assertThat(failure.errorCode()).isEqualTo(StandardErrorCode.NO_CAPACITY);
        assertThat(failure.getMessage()).startsWith("the GPU cannot provision " + IOV + "/vf1/gt/lmem_quota with 20971520000 (Disk quota exceeded)");
        assertThat(kernel.snapshot()).as("rolled back").isEqualTo(before);

        backend(kernel, Map.of(VfSettings.LMEM_MIB, "1024", VfSettings.EXEC_QUANTUM_MS, "5"))
                .create(new CreateRequest(SriovHosts.FLEX, "vfs-2", Optional.empty()));

        assertThat(kernel.read(IOV + "/vf1/gt/lmem_quota")).contains("1073741824");
        assertThat(kernel.read(IOV + "/vf1/gt/preempt_timeout_us")).contains("10000");
    }

    @Test
    void aMalformedSettingIsAConfigurationError()
    {
        FakeKernel kernel = FakeKernel.on(FlexPrelimIovContractTest.flex(root));

        VfioException failure = catchThrowableOfType(() -> backend(kernel, Map.of(VfSettings.DOORBELLS, "lots"))
                .create(new CreateRequest(SriovHosts.FLEX, "vfs-2", Optional.empty())), VfioException.class);

        assertThat(failure.errorCode()).isEqualTo(StandardErrorCode.INVALID_CONFIG);
        assertThat(failure.getMessage()).isEqualTo("backend.intel-sriov.vf-doorbells: 'lots' is not a whole number");
        assertThat(kernel.writes()).isEmpty();
    }

    @Test
    void vfsAnAdministratorEnabledAreHandedOutAsTheyAreAndLeftEnabled()
    {
        FakeKernel kernel = FakeKernel.on(SriovHosts.flexWithEightVfs(root));

        VirtualGpu made = backend(kernel).create(new CreateRequest(SriovHosts.FLEX, "vfs-8", Optional.empty()));
        backend(kernel).destroy(made);

        assertThat(kernel.writes()).extracting(write -> write.path() + "=" + write.value()).containsExactly(
                "/sys/bus/pci/devices/" + made.id() + "/driver_override=vfio-pci",
                "/sys/bus/pci/devices/" + made.id() + "/driver_override=\n");
        assertThat(kernel.read(PF + "/sriov_numvfs")).contains("8");
    }

    @Test
    void xeGetsAnEqualShareOfTheCardsVramAndReleasesItWithTheVfs()
    {
        FakeKernel kernel = FakeKernel.on(SriovHosts.battlemage(root, 0xe20b));
        SortedMap<String, String> before = kernel.snapshot();

        VirtualGpu made = backend(kernel).create(new CreateRequest(SriovHosts.BMG, "vfs-4", Optional.empty()));

        assertThat(kernel.read("/sys/bus/pci/devices/0000:03:00.0/sriov_admin/vf1/profile/vram_quota")).contains(Long.toString(3072L << 20));
        assertThat(kernel.read("/sys/bus/pci/devices/0000:03:00.0/sriov_numvfs")).contains("4");

        backend(kernel).destroy(made);

        assertThat(kernel.snapshot()).isEqualTo(before);
    }
}
