package io.libvfio.testkit.contract;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.Errno;
import io.libvfio.api.Gpu;
import io.libvfio.api.Mechanism;
import io.libvfio.api.GpuId;
import io.libvfio.api.PciAddress;
import io.libvfio.api.ScheduleHint;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Probe;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.KernelWrite;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * The contract every backend keeps, as one abstract JUnit 5 suite. A backend module (or a third
 * party's) extends it, says which backend it tests, builds a simulated host where that backend
 * has a GPU with a free vGPU type, and says how to make a {@link BackendContext} over a
 * {@link FakeKernel} (with the libvfio runtime on the test class path:
 * {@code VfioRuntimes.create(options, kernel).context(provider)}, see the sample backend in
 * {@code examples/}).
 * <p>
 * It checks: probe etiquette (never throws, declines foreign hosts with a reason); discover,
 * listTypes, instances and scheduleHint agree and write nothing; {@code instance} answers for one
 * vGPU as {@code instances} lists it; create then destroy leaves the
 * host byte-for-byte as before; a dry run writes nothing; a kernel error at any write step of
 * create or destroy leaves the host as it was before that call; bad input writes nothing.
 */
public abstract class BackendContractTest
{
    /** The kernel errors a rollback must survive, used in turn at each write step. */
    protected static final List<Errno> KERNEL_ERRORS = List.of(Errno.EBUSY, Errno.ENOSPC, Errno.EINVAL, Errno.EIO, Errno.EPERM);

    private static final String INSTANCE_ID = "5a1d1bc4-8c35-4f0a-9c1e-3b2f6a7d9e01";

    @TempDir
    protected Path workDirectory;

    private int hosts;

    /** The backend under test, as ServiceLoader would make it. */
    protected abstract BackendProvider provider();

    /** Builds, under {@code root}, a host where the backend has a GPU with at least one free vGPU type. */
    protected abstract SimulatedHost hostWithFreeCapacity(Path root);

    /** The backend's context over a fake kernel: its file system must be {@code kernel}. */
    protected abstract BackendContext context(FakeKernel kernel);

    /** The fake kernel over a host; override to set driver behaviour ({@link FakeKernel#vfDriver} and so on). */
    protected FakeKernel kernel(SimulatedHost host)
    {
        return FakeKernel.on(host);
    }

    /** Hosts without this backend's hardware: by default an empty host and one with only a foreign (Matrox) VGA. */
    protected List<SimulatedHost> foreignHosts(Path root)
    {
        SimulatedHost empty = SimulatedHost.create(root.resolve("empty"), "BOOT_IMAGE=/vmlinuz");
        SimulatedHost matrox = SimulatedHost.create(root.resolve("matrox"), "BOOT_IMAGE=/vmlinuz intel_iommu=on");
        matrox.add(SimulatedHost.function("0000:03:00.0").ids(0x102b, 0x0536).classCode(0x030000).driver("mgag200").iommuGroup(7).bootVga(true));
        return List.of(empty, matrox);
    }

    /** The type the create tests use: by default the first type with a free instance on the first GPU that has one. */
    protected VgpuType typeToCreate(Backend backend)
    {
        for (Gpu gpu : backend.discover()) {
            for (VgpuType type : backend.listTypes(gpu.id())) {
                if (type.availableInstances() > 0) {
                    return type;
                }
            }
        }
        throw new AssertionError("hostWithFreeCapacity() built a host where " + provider().name() + " offers no free vGPU type");
    }

    /** The request for {@code type}; an mdev gets a fixed UUID so that runs can be compared. */
    protected CreateRequest request(VgpuType type)
    {
        return new CreateRequest(type.parent(), type.id(), type.mechanism() == Mechanism.MDEV ? Optional.of(INSTANCE_ID) : Optional.empty());
    }

    // ---- probe etiquette ----------------------------------------------------------------

    @Test
    void nameAndDescriptionFollowTheRules()
    {
        BackendProvider provider = provider();
        assertThat(provider.name()).matches("[a-z][a-z0-9-]*");
        assertThat(provider.description()).isNotBlank();
    }

    @Test
    void probeDeclinesForeignHostsWithAReasonAndWritesNothing()
    {
        for (SimulatedHost host : foreignHosts(workDirectory.resolve("foreign"))) {
            FakeKernel kernel = kernel(host);
            SortedMap<String, String> before = kernel.snapshot();
            Probe probe = provider().probe(context(kernel));
            assertThat(probe.supported()).as("probe of %s on %s", provider().name(), host.root()).isFalse();
            assertThat(probe.reason()).as("the reason a user reads").isNotBlank();
            assertThat(kernel.writes()).isEmpty();
            assertThat(kernel.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void probeSupportsTheHostWithItsHardware()
    {
        FakeKernel kernel = freshKernel();
        Probe probe = provider().probe(context(kernel));
        assertThat(probe.supported()).as("probe said: %s", probe.reason()).isTrue();
        assertThat(probe.reason()).isNotBlank();
        assertThat(kernel.writes()).isEmpty();
    }

    // ---- reading --------------------------------------------------------------------------

    @Test
    void discoverListTypesInstancesAndHintsAgreeAndWriteNothing()
    {
        FakeKernel kernel = freshKernel();
        SortedMap<String, String> before = kernel.snapshot();
        Backend backend = backend(kernel);

        List<Gpu> gpus = backend.discover();
        assertThat(gpus).as("discover() on the host with free capacity").isNotEmpty();
        for (Gpu gpu : gpus) {
            List<VgpuType> types = backend.listTypes(gpu.id());
            for (VgpuType type : types) {
                assertThat(type.parent()).isEqualTo(gpu.id());
                assertThat(backend.mechanisms()).contains(type.mechanism());
                assertThat(type.availableInstances()).as("available of %s", type.id()).isLessThanOrEqualTo(type.maxInstances());
                assertThat(type.id()).isNotBlank();
            }
            assertThat(types).extracting(VgpuType::id).doesNotHaveDuplicates();
            ScheduleHint hint = backend.scheduleHint(gpu.id());
            assertThat(hint.gpu()).isEqualTo(gpu.id());
        }
        for (VirtualGpu instance : backend.instances()) {
            assertThat(gpus).extracting(Gpu::id).contains(instance.parent());
        }
        assertThat(kernel.writes()).isEmpty();
        assertThat(kernel.snapshot()).isEqualTo(before);
    }

    @Test
    void listTypesOfSomethingThatIsNotItsGpuIsAnErrorOrEmpty()
    {
        Backend backend = backend(freshKernel());
        GpuId nothing = GpuId.parse("0000:7f:1f.7");
        try {
            assertThat(backend.listTypes(nothing)).isEmpty();
        }
        catch (VfioException expected) {
            assertThat(expected.getMessage()).contains(nothing.toString());
        }
    }

    // ---- create and destroy ------------------------------------------------------------

    @Test
    void createThenDestroyLeavesTheHostAsItWas()
    {
        FakeKernel kernel = freshKernel();
        SortedMap<String, String> before = kernel.snapshot();
        Backend backend = backend(kernel);
        VgpuType type = typeToCreate(backend);

        VirtualGpu instance = backend.create(request(type));

        assertThat(instance.parent()).isEqualTo(type.parent());
        assertThat(instance.typeId()).isEqualTo(type.id());
        assertThat(instance.mechanism()).isEqualTo(type.mechanism());
        if (type.mechanism() == Mechanism.SRIOV_VF || type.mechanism() == Mechanism.PASSTHROUGH || type.mechanism() == Mechanism.VENDOR_VFIO) {
            assertThat(instance.function()).as("the PCI function QEMU gets").isPresent();
        }
        Backend fresh = backend(kernel);
        assertThat(fresh.instances()).as("instances() after create").extracting(VirtualGpu::id).contains(instance.id());
        VgpuType after = fresh.listTypes(type.parent()).stream().filter(t -> t.id().equals(type.id())).findFirst()
                .orElseThrow(() -> new AssertionError("type " + type.id() + " vanished after create"));
        assertThat(after.availableInstances()).as("available instances of %s after one create", type.id()).isEqualTo(type.availableInstances() - 1);

        fresh.destroy(instance);

        assertThat(backend(kernel).instances()).extracting(VirtualGpu::id).doesNotContain(instance.id());
        assertThat(kernel.snapshot()).as("the host after create and destroy").isEqualTo(before);
    }

    @Test
    void instanceAnswersForOneVgpuAsInstancesListsIt()
    {
        FakeKernel kernel = freshKernel();
        Backend backend = backend(kernel);
        VirtualGpu created = backend.create(request(typeToCreate(backend)));
        Backend fresh = backend(kernel);
        VirtualGpu listed = fresh.instances().stream().filter(candidate -> candidate.id().equals(created.id())).findFirst()
                .orElseThrow(() -> new AssertionError("instances() does not list " + created.id() + " after create"));
        int writes = kernel.writes().size();

        assertThat(fresh.instance(created)).as("instance(%s) after create", created.id()).contains(listed);
        assertThat(kernel.writes()).as("instance() writes nothing").hasSize(writes);

        fresh.destroy(created);

        assertThat(backend(kernel).instance(created)).as("instance(%s) after destroy", created.id()).isEmpty();
    }

    @Test
    void aDryRunWritesNothingAndPlansTheWritesOfTheRealRun()
    {
        FakeKernel real = freshKernel();
        Backend backend = backend(real);
        VgpuType type = typeToCreate(backend);
        backend.create(request(type));
        List<KernelWrite> made = real.writes();

        FakeKernel kernel = freshKernel();
        SortedMap<String, String> before = kernel.snapshot();
        PlannedWrites planned = new PlannedWrites(kernel);
        Backend dry = provider().create(new ContractContext(context(kernel), planned, true));
        dry.create(request(type));

        assertThat(kernel.writes()).as("writes a dry run made").isEmpty();
        assertThat(kernel.snapshot()).isEqualTo(before);
        if (!made.isEmpty()) {
            assertThat(planned.planned()).as("the dry run's plan").isNotEmpty();
            assertThat(planned.planned().get(0)).as("the first planned write").isEqualTo(made.get(0));
        }
    }

    @Test
    void aKernelErrorAtAnyWriteStepOfCreateLeavesTheHostAsItWas()
    {
        List<KernelWrite> steps = createWrites();
        for (int step = 0; step < steps.size(); step++) {
            Errno errno = KERNEL_ERRORS.get(step % KERNEL_ERRORS.size());
            FakeKernel kernel = freshKernel();
            SortedMap<String, String> before = kernel.snapshot();
            Backend backend = backend(kernel);
            VgpuType type = typeToCreate(backend);
            failAt(kernel, steps, step, errno);

            VfioException failure = catchThrowableOfType(() -> backend.create(request(type)), VfioException.class);

            String what = "create failing with %s at write %d of %d (%s)".formatted(errno, step + 1, steps.size(), steps.get(step));
            assertThat(failure).as(what + " must throw a VfioException").isNotNull();
            assertThat(kernel.snapshot()).as("the host after " + what).isEqualTo(before);
        }
    }

    @Test
    void aKernelErrorAtAnyWriteStepOfDestroyLeavesTheInstanceAsItWas()
    {
        FakeKernel probe = freshKernel();
        Backend probing = backend(probe);
        VirtualGpu made = probing.create(request(typeToCreate(probing)));
        probe.clearWrites();
        backend(probe).destroy(made);
        List<KernelWrite> steps = probe.writes();

        for (int step = 0; step < steps.size(); step++) {
            Errno errno = KERNEL_ERRORS.get(step % KERNEL_ERRORS.size());
            FakeKernel kernel = freshKernel();
            Backend backend = backend(kernel);
            VirtualGpu instance = backend.create(request(typeToCreate(backend)));
            SortedMap<String, String> created = kernel.snapshot();
            Backend later = backend(kernel);
            failAt(kernel, steps, step, errno);

            VfioException failure = catchThrowableOfType(() -> later.destroy(instance), VfioException.class);

            String what = "destroy failing with %s at write %d of %d (%s)".formatted(errno, step + 1, steps.size(), steps.get(step));
            if (failure == null) {
                // A backend may retry a refused write (NVIDIA's bounded retry to 0): then the destroy must have finished.
                assertThat(backend(kernel).instances()).as(what + " succeeded, so the instance is gone").extracting(VirtualGpu::id).doesNotContain(instance.id());
            }
            else {
                assertThat(kernel.snapshot()).as("the host after " + what).isEqualTo(created);
            }
        }
    }

    // ---- bad input --------------------------------------------------------------------

    @Test
    void anUnknownTypeIsTypeNotFoundAndWritesNothing()
    {
        FakeKernel kernel = freshKernel();
        Backend backend = backend(kernel);
        VgpuType type = typeToCreate(backend);
        SortedMap<String, String> before = kernel.snapshot();

        VfioException failure = catchThrowableOfType(() -> backend.create(new CreateRequest(type.parent(), "no-such-type-42", Optional.empty())), VfioException.class);

        assertThat(failure).as("create of an unknown type").isNotNull();
        assertThat(failure.errorCode()).isEqualTo(StandardErrorCode.TYPE_NOT_FOUND);
        assertThat(failure.getMessage()).contains("no-such-type-42");
        assertThat(kernel.writes()).isEmpty();
        assertThat(kernel.snapshot()).isEqualTo(before);
    }

    @Test
    void destroyingAnInstanceThatDoesNotExistWritesNothingHarmful()
    {
        FakeKernel kernel = freshKernel();
        Backend backend = backend(kernel);
        VgpuType type = typeToCreate(backend);
        SortedMap<String, String> before = kernel.snapshot();
        VirtualGpu ghost = new VirtualGpu(INSTANCE_ID.replace('5', '6'), type.parent(), type.id(), type.mechanism(),
                Optional.empty(), "/sys/bus/mdev/devices/" + INSTANCE_ID.replace('5', '6'));

        assertThatCode(() -> {
            try {
                backend.destroy(ghost);
            }
            catch (VfioException expected) {
                assertThat(expected.category()).isNotEqualTo(StandardErrorCode.INTERNAL_ERROR.category());
            }
        }).doesNotThrowAnyException();
        assertThat(kernel.snapshot()).isEqualTo(before);
    }

    // ---- helpers ------------------------------------------------------------------------

    /** A new host with free capacity and its fake kernel, in a directory of its own. */
    protected FakeKernel freshKernel()
    {
        hosts++;
        return kernel(hostWithFreeCapacity(workDirectory.resolve("host-" + hosts)));
    }

    protected Backend backend(FakeKernel kernel)
    {
        return provider().create(context(kernel));
    }

    /** The writes a successful create makes on a fresh host. */
    private List<KernelWrite> createWrites()
    {
        FakeKernel kernel = freshKernel();
        Backend backend = backend(kernel);
        backend.create(request(typeToCreate(backend)));
        List<KernelWrite> writes = kernel.writes();
        if (writes.stream().anyMatch(write -> !write.succeeded())) {
            fail("a successful create on a fresh host saw refused writes: " + writes);
        }
        return writes;
    }

    /** Makes write number {@code step} of {@code steps} fail: the nth write to its path from now. */
    private static void failAt(FakeKernel kernel, List<KernelWrite> steps, int step, Errno errno)
    {
        String path = steps.get(step).path();
        int nth = 0;
        for (KernelWrite write : new ArrayList<>(steps.subList(0, step + 1))) {
            if (write.path().equals(path)) {
                nth++;
            }
        }
        kernel.failWrite(path, errno, nth);
    }
}
