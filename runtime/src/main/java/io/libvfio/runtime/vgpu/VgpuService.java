package io.libvfio.runtime.vgpu;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.UndoLog;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.host.DryRunHostFs;
import io.libvfio.runtime.host.HostLock;
import io.libvfio.runtime.host.RecordingHostFs;
import io.libvfio.runtime.host.RuntimeDirectories;
import io.libvfio.runtime.plan.Candidate;
import io.libvfio.runtime.plan.Plan;
import io.libvfio.runtime.plan.Planner;
import io.libvfio.runtime.plan.SliceRequest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Creates, destroys and lists vGPUs on one host, vendor-neutrally: the backend makes the vGPU,
 * this service binds what must go to {@code vfio-pci} (a VF, or every endpoint of a passed-through
 * GPU's IOMMU group), checks group viability, and keeps a record of what it did.
 * <p>
 * Every change runs under the {@link HostLock} (choosing a free slot included, so two processes
 * never take the same one) and an {@link UndoLog}: when any step fails (a kernel error, a
 * {@code /dev/vfio} timeout, a group that is not viable) everything the call did is undone in
 * reverse order and the host reads as before. A dry run takes no lock and records the writes in
 * order without making them.
 */
public final class VgpuService
{
    /** How long a bind waits for {@code vfio-pci} and {@code /dev/vfio/<group>}. */
    public static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(10);
    private static final String MDEV_DEVICES = "/sys/bus/mdev/devices/";

    private final VfioRuntime runtime;
    private final HostLock lock;
    private final VgpuRecords records;
    private final Clock clock;
    private final Duration bindTimeout;

    public VgpuService(VfioRuntime runtime, RuntimeDirectories directories, Clock clock, Duration bindTimeout)
    {
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.lock = HostLock.of(requireNonNull(directories, "directories is null"));
        this.records = new VgpuRecords(directories.run().resolve("vgpus"));
        this.clock = requireNonNull(clock, "clock is null");
        this.bindTimeout = requireNonNull(bindTimeout, "bindTimeout is null");
    }

    /** The service for a runtime's host, with libvfio's files where {@link RuntimeDirectories} says. */
    public static VgpuService on(VfioRuntime runtime)
    {
        return new VgpuService(runtime, RuntimeDirectories.forRoot(runtime.paths().root()), Clock.systemUTC(), BIND_TIMEOUT);
    }

    public HostLock lock()
    {
        return lock;
    }

    public VgpuRecords records()
    {
        return records;
    }

    /** Creates one vGPU of a type on a GPU, binds what QEMU needs, and records it. */
    public VgpuChange create(CreateOrder order)
    {
        requireNonNull(order, "order is null");
        if (order.dryRun()) {
            return createLocked(order);
        }
        try (HostLock.Held held = lock.acquire()) {
            return createLocked(order);
        }
    }

    /**
     * Creates one vGPU of the type and on the GPU the {@link Planner} chooses for a request:
     * planning and creating happen under the same hold of the host lock, so two processes never
     * plan the same free slot. {@code NO_CAPACITY} (naming the nearest candidates) when nothing fits.
     */
    public PlannedChange create(SliceRequest request, Optional<String> uuid, boolean force, boolean dryRun)
    {
        requireNonNull(request, "request is null");
        requireNonNull(uuid, "uuid is null");
        if (dryRun) {
            return createPlanned(request, uuid, force, true);
        }
        try (HostLock.Held held = lock.acquire()) {
            return createPlanned(request, uuid, force, false);
        }
    }

    private PlannedChange createPlanned(SliceRequest request, Optional<String> uuid, boolean force, boolean dryRun)
    {
        Plan plan = Planner.of(runtime).plan(request);
        Candidate chosen = plan.requireChoice();
        return new PlannedChange(plan, createLocked(new CreateOrder(chosen.gpu(), chosen.type().id(), uuid, force, dryRun)));
    }

    private VgpuChange createLocked(CreateOrder order)
    {
        GpuReport gpu = runtime.gpu(order.gpu());
        TypeOffers.Offer offer = new TypeOffers(runtime).find(gpu, order.typeId());
        VgpuType type = offer.type();
        Optional<String> uuid = order.uuid();
        if (uuid.isPresent()) {
            if (type.mechanism() != Mechanism.MDEV) {
                throw VfioException.usage("--uuid names an mdev, but type '%s' of %s is %s", type.id(), order.gpu(), type.mechanism().label());
            }
            if (runtime.fs().exists(MDEV_DEVICES + uuid.get()) || records.find(uuid.get()).isPresent()) {
                throw new VfioException(StandardErrorCode.ALREADY_EXISTS, "a vGPU with UUID %s already exists (see 'libvfio vgpus')".formatted(uuid.get()));
            }
        }
        if (type.availableInstances() == 0) {
            throw new VfioException(StandardErrorCode.NO_CAPACITY, "no free instance of type '%s' (%s) on %s: 0 of %d available".formatted(
                    type.id(), type.name(), order.gpu(), type.maxInstances()));
        }
        if (type.mechanism() == Mechanism.PASSTHROUGH && !order.force()) {
            Optional<String> display = new HostDisplay(runtime.fs()).inUse(order.gpu());
            if (display.isPresent()) {
                throw new VfioException(StandardErrorCode.DEVICE_BUSY, "refusing to take %s from the host: %s; add --force to take it anyway".formatted(
                        order.gpu(), display.get()));
            }
        }
        RecordingHostFs fs = order.dryRun() ? new DryRunHostFs(runtime.fs()) : new RecordingHostFs(runtime.fs());
        BackendProvider provider = offer.provider();
        Backend backend = provider.create(runtime.context(provider, fs, order.dryRun()));
        UndoLog undo = new UndoLog();
        try {
            VirtualGpu instance = backend.create(new CreateRequest(order.gpu(), type.id(), uuid));
            undo.record("destroy vGPU " + instance.id(), () -> backend.destroy(instance));
            List<FunctionBinding> bindings = bind(instance, fs, order.dryRun(), undo);
            VgpuRecord record = VgpuRecord.of(instance, provider.name(), System.getProperty("user.name", "unknown"), ProcessHandle.current().pid(),
                    clock.instant(), bindings);
            if (!order.dryRun()) {
                records.write(record);
                undo.record("delete the record of " + instance.id(), () -> records.delete(instance.id()));
            }
            undo.commit();
            return new VgpuChange(new VgpuEntry(instance, provider.name(), VgpuState.MANAGED, Optional.of(record)), bindings, fs.writes(), order.dryRun());
        }
        catch (RuntimeException e) {
            throw undo.rollback(e);
        }
    }

    private List<FunctionBinding> bind(VirtualGpu instance, RecordingHostFs fs, boolean dryRun, UndoLog undo)
    {
        List<PciAddress> functions = functionsToBind(instance, fs);
        if (functions.isEmpty()) {
            return List.of();
        }
        new GroupViability(fs).check(functions.get(0), functions);
        VfioBinder binder = new VfioBinder(fs, clock, bindTimeout, POLL, dryRun);
        List<FunctionBinding> bindings = new ArrayList<>();
        for (PciAddress function : functions) {
            bindings.add(binder.bind(function, undo));
        }
        return bindings;
    }

    /** A VF goes to vfio-pci alone; a passed-through GPU with every endpoint of its group; mdevs and vendor-VFIO VFs stay as they are. */
    private static List<PciAddress> functionsToBind(VirtualGpu instance, RecordingHostFs fs)
    {
        if (instance.function().isEmpty()) {
            return List.of();
        }
        PciAddress function = instance.function().get();
        return switch (instance.mechanism()) {
            case SRIOV_VF -> List.of(function);
            case PASSTHROUGH -> {
                List<PciAddress> functions = new ArrayList<>(List.of(function));
                for (PciAddress endpoint : new GroupViability(fs).endpoints(function)) {
                    if (!endpoint.equals(function)) {
                        functions.add(endpoint);
                    }
                }
                yield functions;
            }
            case MDEV, VENDOR_VFIO -> List.of();
        };
    }

    /** Gives back what libvfio bound for a vGPU, destroys it through its backend, and forgets the record. */
    public VgpuChange destroy(String id, boolean dryRun)
    {
        String checked = InstanceIds.id(requireNonNull(id, "id is null"));
        if (dryRun) {
            return destroyLocked(checked, true);
        }
        try (HostLock.Held held = lock.acquire()) {
            return destroyLocked(checked, false);
        }
    }

    private VgpuChange destroyLocked(String id, boolean dryRun)
    {
        VgpuEntry entry = find(id);
        RecordingHostFs fs = dryRun ? new DryRunHostFs(runtime.fs()) : new RecordingHostFs(runtime.fs());
        List<FunctionBinding> bindings = entry.record().map(VgpuRecord::bindings).orElse(List.of());
        if (entry.state() == VgpuState.STALE) {
            if (!dryRun) {
                records.delete(id);
            }
            return new VgpuChange(entry, bindings, List.of(), dryRun);
        }
        BackendProvider provider = runtime.registry().provider(entry.backend()).orElseThrow(() -> new VfioException(StandardErrorCode.UNKNOWN_BACKEND,
                "vGPU %s was made by backend '%s', which is not installed".formatted(id, entry.backend())));
        Backend backend = provider.create(runtime.context(provider, fs, dryRun));
        VfioBinder binder = new VfioBinder(fs, clock, bindTimeout, POLL, dryRun);
        UndoLog undo = new UndoLog();
        try {
            for (int index = bindings.size() - 1; index >= 0; index--) {
                FunctionBinding binding = bindings.get(index);
                // Recorded first: binding works from what the host shows, so it also mends a release that failed half-way.
                undo.record("bind %s to vfio-pci again".formatted(binding.function()), () -> binder.bind(binding.function(), new UndoLog()));
                binder.release(binding);
            }
            backend.destroy(entry.instance());
            if (!dryRun && entry.record().isPresent()) {
                records.delete(id);
            }
            undo.commit();
            return new VgpuChange(entry, bindings, fs.writes(), dryRun);
        }
        catch (RuntimeException e) {
            throw undo.rollback(e);
        }
    }

    /** A recorded vGPU through the backend that made it (cheap); any other through every backend's list. */
    private VgpuEntry find(String id)
    {
        Optional<VgpuRecord> record = records.find(id);
        if (record.isPresent()) {
            return new VgpuListing(runtime, records).entry(record.get());
        }
        List<VgpuEntry> entries = list();
        return entries.stream().filter(candidate -> candidate.id().equals(id)).findFirst().orElseThrow(() -> new VfioException(
                StandardErrorCode.INSTANCE_NOT_FOUND, "no vGPU '%s' on this host (%s)".formatted(id, entries.isEmpty() ? "there are none"
                        : "known: " + String.join(", ", entries.stream().map(VgpuEntry::id).toList()))));
    }

    /** Every vGPU on the host, libvfio's own and others'. */
    public List<VgpuEntry> list()
    {
        return new VgpuListing(runtime, records).list().entries();
    }

    /** {@link #list} with a warning per backend that could not list its vGPUs. */
    public VgpuList listWithWarnings()
    {
        return new VgpuListing(runtime, records).list();
    }

    /** Where a VM using {@code gpu} should run, and where its hugepages should come from. */
    public PlacementHint hint(PciAddress gpu)
    {
        return new PlacementHints(runtime).hint(gpu);
    }
}
