package io.libvfio.runtime.vgpu;

import io.libvfio.api.Errno;
import io.libvfio.api.ErrorCategory;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.host.HostWrite;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.KernelWrite;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

import static io.libvfio.runtime.vgpu.VgpuHosts.AUDIO;
import static io.libvfio.runtime.vgpu.VgpuHosts.BOOT_GPU;
import static io.libvfio.runtime.vgpu.VgpuHosts.BRIDGE;
import static io.libvfio.runtime.vgpu.VgpuHosts.FIRST_VF;
import static io.libvfio.runtime.vgpu.VgpuHosts.GPU;
import static io.libvfio.runtime.vgpu.VgpuHosts.P40;
import static io.libvfio.runtime.vgpu.VgpuHosts.P40_TYPE;
import static io.libvfio.runtime.vgpu.VgpuHosts.SRIOV_PF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class VgpuServiceTest
{
    private static final String UUID = "5a1d1bc4-8c35-4f0a-9c1e-3b2f6a7d9e01";

    @TempDir
    Path work;

    private int hosts;

    @Test
    void passthroughBindsEveryEndpointOfTheGroupAndDestroyGivesThemBack()
    {
        FakeKernel kernel = FakeKernel.on(VgpuHosts.passthrough(next()));
        SortedMap<String, String> before = kernel.snapshot();
        VgpuService service = VgpuHosts.service(kernel, work.resolve("state"));

        VgpuChange created = service.create(new CreateOrder(GPU, "passthrough", Optional.empty(), false, false));

        assertThat(created.entry().id()).isEqualTo(GPU.toString());
        assertThat(created.bindings()).extracting(FunctionBinding::function).containsExactly(GPU, AUDIO);
        assertThat(created.bindings()).extracting(binding -> binding.originalDriver().orElseThrow()).containsExactly("nvidia", "snd_hda_intel");
        assertThat(driver(kernel, GPU)).isEqualTo("vfio-pci");
        assertThat(driver(kernel, AUDIO)).isEqualTo("vfio-pci");
        assertThat(driver(kernel, BRIDGE)).as("bridges stay where they are").isEqualTo("pcieport");
        assertThat(kernel.exists("/dev/vfio/1")).isTrue();
        assertThat(kernel.vfioGroupViable(1)).isTrue();
        assertThat(service.list()).singleElement().satisfies(entry -> {
            assertThat(entry.state()).isEqualTo(VgpuState.MANAGED);
            assertThat(entry.backend()).isEqualTo("passthrough");
        });
        assertThat(created.writes()).extracting(HostWrite::path).containsExactlyElementsOf(paths(kernel.writes()));

        VgpuChange destroyed = VgpuHosts.service(kernel, work.resolve("state")).destroy(GPU.toString(), false);

        assertThat(destroyed.entry().id()).isEqualTo(GPU.toString());
        assertThat(kernel.snapshot()).isEqualTo(before);
        assertThat(service.list()).isEmpty();
        assertThat(service.records().all()).isEmpty();
    }

    @Test
    void anMdevIsCreatedWithTheGivenUuidAndItsUuidCannotBeTakenTwice()
    {
        FakeKernel kernel = FakeKernel.on(VgpuHosts.mdev(next()));
        SortedMap<String, String> before = kernel.snapshot();
        VgpuService service = VgpuHosts.service(kernel, work.resolve("state"));

        VgpuChange created = service.create(new CreateOrder(P40, P40_TYPE, Optional.of(UUID), false, false));
        assertThat(created.entry().instance().mechanism()).isEqualTo(Mechanism.MDEV);
        assertThat(created.bindings()).isEmpty();
        assertThat(kernel.exists("/sys/bus/mdev/devices/" + UUID)).isTrue();
        int writes = kernel.writes().size();

        VfioException duplicate = catchThrowableOfType(() -> service.create(new CreateOrder(P40, "nvidia-47", Optional.of(UUID), false, false)),
                VfioException.class);
        assertThat(duplicate.errorCode()).isEqualTo(StandardErrorCode.ALREADY_EXISTS);
        assertThat(duplicate.getMessage()).contains(UUID);
        assertThat(kernel.writes()).hasSize(writes);

        service.destroy(UUID.toUpperCase(), false);
        assertThat(kernel.snapshot()).isEqualTo(before);
    }

    @Test
    void aVfReservedByItsBackendIsBoundAndGivenBackReserved()
    {
        FakeKernel kernel = FakeKernel.on(VgpuHosts.sriov(next(), 2));
        SortedMap<String, String> before = kernel.snapshot();
        VgpuService service = VgpuHosts.service(kernel, work.resolve("state"));

        VgpuChange created = service.create(new CreateOrder(SRIOV_PF, SliceTestBackend.VF_TYPE, Optional.empty(), false, false));

        assertThat(created.entry().id()).isEqualTo(FIRST_VF.toString());
        assertThat(created.bindings()).singleElement().satisfies(binding -> {
            assertThat(binding.originalDriver()).isEmpty();
            assertThat(binding.originalOverride()).contains("vfio-pci");
        });
        assertThat(driver(kernel, FIRST_VF)).isEqualTo("vfio-pci");
        kernel.clearWrites();

        service.destroy(FIRST_VF.toString(), false);

        assertThat(paths(kernel.writes())).as("release unbinds and never probes a VF that had no driver")
                .doesNotContain("/sys/bus/pci/drivers_probe");
        assertThat(kernel.snapshot()).isEqualTo(before);
    }

    @Test
    void aKernelErrorAtAnyWriteStepOfCreateLeavesTheHostAsItWas()
    {
        for (Scenario scenario : Scenario.values()) {
            List<KernelWrite> steps = successfulCreate(scenario).writes();
            assertThat(steps).as("writes of a %s create", scenario).isNotEmpty();
            for (int step = 0; step < steps.size(); step++) {
                Errno errno = FAULTS.get(step % FAULTS.size());
                FakeKernel kernel = scenario.kernel(next());
                SortedMap<String, String> before = kernel.snapshot();
                VgpuService service = VgpuHosts.service(kernel, work.resolve("state-" + hosts));
                failAt(kernel, steps, step, errno);

                VfioException failure = catchThrowableOfType(() -> service.create(scenario.order()), VfioException.class);

                String what = "%s create failing with %s at write %d of %d (%s)".formatted(scenario, errno, step + 1, steps.size(), steps.get(step));
                assertThat(failure).as(what).isNotNull();
                assertThat(failure.errno()).as(what).contains(errno);
                assertThat(kernel.snapshot()).as("the host after " + what).isEqualTo(before);
                assertThat(service.records().all()).as("records after " + what).isEmpty();
            }
        }
    }

    @Test
    void aKernelErrorAtAnyWriteStepOfDestroyLeavesTheVgpuAsItWas()
    {
        for (Scenario scenario : Scenario.values()) {
            FakeKernel probe = successfulCreate(scenario);
            VgpuService probing = VgpuHosts.service(probe, work.resolve("state-" + hosts));
            String id = probing.list().get(0).id();
            probe.clearWrites();
            probing.destroy(id, false);
            List<KernelWrite> steps = probe.writes();
            for (int step = 0; step < steps.size(); step++) {
                Errno errno = FAULTS.get(step % FAULTS.size());
                FakeKernel kernel = scenario.kernel(next());
                Path state = work.resolve("state-" + hosts);
                VgpuService service = VgpuHosts.service(kernel, state);
                service.create(scenario.order());
                SortedMap<String, String> created = kernel.snapshot();
                List<VgpuRecord> records = service.records().all();
                failAt(kernel, steps, step, errno);

                VfioException failure = catchThrowableOfType(() -> VgpuHosts.service(kernel, state).destroy(id, false), VfioException.class);

                String what = "%s destroy failing with %s at write %d of %d (%s)".formatted(scenario, errno, step + 1, steps.size(), steps.get(step));
                assertThat(failure).as(what).isNotNull();
                assertThat(kernel.snapshot()).as("the host after " + what).isEqualTo(created);
                assertThat(service.records().all()).as("records after " + what).isEqualTo(records);
            }
        }
    }

    @Test
    void aDevVfioNodeThatNeverAppearsIsATimeoutAndEverythingIsUndone()
    {
        // vfio-pci refuses a PF with VFs enabled, and drivers_probe still succeeds: the node never comes.
        SimulatedHost host = VgpuHosts.sriov(next(), 2);
        FakeKernel kernel = FakeKernel.on(host).leavesVfsOnUnbind("i915");
        SortedMap<String, String> before = kernel.snapshot();
        VgpuService service = VgpuHosts.service(kernel, work.resolve("state"));

        VfioException failure = catchThrowableOfType(() -> service.create(new CreateOrder(SRIOV_PF, "passthrough", Optional.empty(), false, false)),
                VfioException.class);

        assertThat(failure.errorCode()).isEqualTo(StandardErrorCode.TIMEOUT);
        assertThat(failure.getMessage()).contains(SRIOV_PF.toString(), "vfio-pci did not bind it");
        assertThat(kernel.snapshot()).isEqualTo(before);
        assertThat(service.records().all()).isEmpty();
    }

    @Test
    void theBootVgaIsTakenOnlyWithForce()
    {
        FakeKernel kernel = FakeKernel.on(VgpuHosts.passthrough(next()));
        VgpuService service = VgpuHosts.service(kernel, work.resolve("state"));

        VfioException refused = catchThrowableOfType(() -> service.create(new CreateOrder(BOOT_GPU, "passthrough", Optional.empty(), false, false)),
                VfioException.class);
        assertThat(refused.category()).isEqualTo(ErrorCategory.CONFLICT);
        assertThat(refused.getMessage()).contains("boot VGA", "--force");
        assertThat(kernel.writes()).isEmpty();

        service.create(new CreateOrder(BOOT_GPU, "passthrough", Optional.empty(), true, false));
        assertThat(driver(kernel, BOOT_GPU)).isEqualTo("vfio-pci");
    }

    @Test
    void aSecondPassthroughOfTheSameGpuHasNoCapacity()
    {
        FakeKernel kernel = FakeKernel.on(VgpuHosts.passthrough(next()));
        VgpuService service = VgpuHosts.service(kernel, work.resolve("state"));
        service.create(new CreateOrder(GPU, "passthrough", Optional.empty(), false, false));
        int writes = kernel.writes().size();

        VfioException second = catchThrowableOfType(() -> VgpuHosts.service(kernel, work.resolve("state"))
                .create(new CreateOrder(GPU, "passthrough", Optional.empty(), false, false)), VfioException.class);

        assertThat(second.category()).isEqualTo(ErrorCategory.NO_CAPACITY);
        assertThat(kernel.writes()).hasSize(writes);
    }

    @Test
    void badInputWritesNothing()
    {
        FakeKernel kernel = FakeKernel.on(VgpuHosts.passthrough(next()));
        VgpuService service = VgpuHosts.service(kernel, work.resolve("state"));

        VfioException unknownType = catchThrowableOfType(() -> service.create(new CreateOrder(GPU, "nvidia-999", Optional.empty(), false, false)),
                VfioException.class);
        assertThat(unknownType.errorCode()).isEqualTo(StandardErrorCode.TYPE_NOT_FOUND);
        assertThat(unknownType.getMessage()).contains("nvidia-999", "passthrough");

        VfioException notAGpu = catchThrowableOfType(() -> service.create(new CreateOrder(AUDIO, "passthrough", Optional.empty(), false, false)),
                VfioException.class);
        assertThat(notAGpu.errorCode()).isEqualTo(StandardErrorCode.DEVICE_NOT_FOUND);
        assertThat(notAGpu.getMessage()).contains(AUDIO + " is not a GPU");

        VfioException uuidForPassthrough = catchThrowableOfType(() -> service.create(new CreateOrder(GPU, "passthrough", Optional.of(UUID), false, false)),
                VfioException.class);
        assertThat(uuidForPassthrough.category()).isEqualTo(ErrorCategory.USAGE);

        VfioException malformed = catchThrowableOfType(() -> InstanceIds.uuid("5a1d1bc4-8c35-4f0a-9c1e-3b2f6a7d9e0"), VfioException.class);
        assertThat(malformed.category()).isEqualTo(ErrorCategory.USAGE);
        assertThat(malformed.getMessage()).contains("'5a1d1bc4-8c35-4f0a-9c1e-3b2f6a7d9e0'");

        VfioException unknownId = catchThrowableOfType(() -> service.destroy(UUID, false), VfioException.class);
        assertThat(unknownId.errorCode()).isEqualTo(StandardErrorCode.INSTANCE_NOT_FOUND);
        assertThat(kernel.writes()).isEmpty();
    }

    @Test
    void aDryRunPlansExactlyTheWritesOfTheRealRunAndMakesNone()
    {
        for (Scenario scenario : Scenario.values()) {
            FakeKernel real = successfulCreate(scenario);
            FakeKernel kernel = scenario.kernel(next());
            SortedMap<String, String> before = kernel.snapshot();
            VgpuService service = VgpuHosts.service(kernel, work.resolve("state-" + hosts));
            CreateOrder order = scenario.order();

            VgpuChange planned = service.create(new CreateOrder(order.gpu(), order.typeId(), order.uuid(), order.force(), true));

            assertThat(planned.dryRun()).isTrue();
            assertThat(planned.writes()).extracting(HostWrite::path).as("%s plan", scenario).containsExactlyElementsOf(paths(real.writes()));
            assertThat(kernel.writes()).isEmpty();
            assertThat(kernel.snapshot()).isEqualTo(before);
            assertThat(service.records().all()).isEmpty();
        }
    }

    @Test
    void vgpusTellsManagedExternalAndStaleApart()
    {
        FakeKernel kernel = FakeKernel.on(VgpuHosts.mdev(next()));
        VgpuService service = VgpuHosts.service(kernel, work.resolve("state"));
        String external = "0b7e1f9a-3c2d-4e5f-8a9b-1c2d3e4f5a6b";
        service.create(new CreateOrder(P40, P40_TYPE, Optional.of(UUID), false, false));
        kernel.write("/sys/bus/pci/devices/" + P40 + "/mdev_supported_types/" + P40_TYPE + "/create", external);

        assertThat(VgpuHosts.service(kernel, work.resolve("state")).list()).extracting(VgpuEntry::id, VgpuEntry::state)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(UUID, VgpuState.MANAGED),
                        org.assertj.core.groups.Tuple.tuple(external, VgpuState.EXTERNAL));

        kernel.write("/sys/bus/mdev/devices/" + UUID + "/remove", "1");
        VgpuService later = VgpuHosts.service(kernel, work.resolve("state"));
        assertThat(later.list()).extracting(VgpuEntry::id, VgpuEntry::state)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(UUID, VgpuState.STALE),
                        org.assertj.core.groups.Tuple.tuple(external, VgpuState.EXTERNAL));

        later.destroy(UUID, false);
        assertThat(later.records().all()).isEmpty();
        later.destroy(external, false);
        assertThat(later.list()).isEmpty();
    }

    @Test
    void theHintNamesTheGpusNodeItsCpusAndTheNodeWithFreeHugepages()
    {
        FakeKernel kernel = FakeKernel.on(VgpuHosts.passthrough(next()));

        PlacementHint hint = VgpuHosts.service(kernel, work.resolve("state")).hint(GPU);

        assertThat(hint.schedule().numaNode()).hasValue(0);
        assertThat(hint.schedule().cpus().toString()).isEqualTo("0-7");
        assertThat(hint.schedule().iommuGroup()).hasValue(1);
        assertThat(hint.hugepageNode()).as("node 0 has no free hugepages, node 1 has 256 x 2 MiB").hasValue(1);
        assertThat(hint.freeHugepagesKib()).isEqualTo(256 * 2048L);
    }

    // ---- helpers ------------------------------------------------------------------------

    private static final List<Errno> FAULTS = List.of(Errno.EBUSY, Errno.ENOSPC, Errno.EINVAL, Errno.EIO, Errno.EPERM);

    /** The three mechanisms the runtime binds differently. */
    private enum Scenario
    {
        MDEV, VF, PASSTHROUGH;

        FakeKernel kernel(Path root)
        {
            return FakeKernel.on(switch (this) {
                case MDEV -> VgpuHosts.mdev(root);
                case VF -> VgpuHosts.sriov(root, 2);
                case PASSTHROUGH -> VgpuHosts.passthrough(root);
            });
        }

        CreateOrder order()
        {
            return switch (this) {
                case MDEV -> new CreateOrder(P40, P40_TYPE, Optional.of(UUID), false, false);
                case VF -> new CreateOrder(SRIOV_PF, SliceTestBackend.VF_TYPE, Optional.empty(), false, false);
                case PASSTHROUGH -> new CreateOrder(GPU, "passthrough", Optional.empty(), false, false);
            };
        }
    }

    private FakeKernel successfulCreate(Scenario scenario)
    {
        FakeKernel kernel = scenario.kernel(next());
        VgpuHosts.service(kernel, work.resolve("state-" + hosts)).create(scenario.order());
        assertThat(kernel.writes()).allMatch(KernelWrite::succeeded);
        return kernel;
    }

    private Path next()
    {
        hosts++;
        return work.resolve("host-" + hosts);
    }

    private static String driver(FakeKernel kernel, PciAddress function)
    {
        return kernel.linkName("/sys/bus/pci/devices/" + function + "/driver").orElse("none");
    }

    private static List<String> paths(List<KernelWrite> writes)
    {
        return writes.stream().map(KernelWrite::path).toList();
    }

    /** Makes write number {@code step} of {@code steps} fail: the nth write to its path from now. */
    private static void failAt(FakeKernel kernel, List<KernelWrite> steps, int step, Errno errno)
    {
        String path = steps.get(step).path();
        int nth = (int) steps.subList(0, step + 1).stream().filter(write -> write.path().equals(path)).count();
        kernel.failWrite(path, errno, nth);
    }
}
