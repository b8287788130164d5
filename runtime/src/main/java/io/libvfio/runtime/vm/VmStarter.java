package io.libvfio.runtime.vm;

import io.libvfio.api.CpuList;
import io.libvfio.api.ScheduleHint;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.UndoLog;
import io.libvfio.runtime.vm.gpu.AttachedVgpu;
import io.libvfio.runtime.vm.qemu.AcceleratorChoice;
import io.libvfio.runtime.vm.qemu.AcceleratorSelector;
import io.libvfio.runtime.vm.qemu.FirmwareDescriptors;
import io.libvfio.runtime.vm.qemu.LaunchPlan;
import io.libvfio.runtime.vm.qemu.MemoryBacking;
import io.libvfio.runtime.vm.qemu.OvmfFirmware;
import io.libvfio.runtime.vm.qemu.QemuCommandBuilder;
import io.libvfio.runtime.vm.qemu.QemuCommandLine;
import io.libvfio.runtime.vm.qmp.QmpClient;
import io.libvfio.runtime.vm.spec.GpuSlotRequest;
import io.libvfio.runtime.vm.spec.VmFiles;
import io.libvfio.runtime.vm.spec.VmName;
import io.libvfio.runtime.vm.spec.VmPorts;
import io.libvfio.runtime.vm.spec.VmSpec;
import io.libvfio.runtime.vm.state.VmState;
import io.libvfio.runtime.vm.state.VmStateStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Starts a VM: under the state lock it reconciles dead VMs, checks the VM file's paths and
 * ports, takes the vGPUs, prepares the firmware variables and TPM, launches QEMU (detached),
 * records the state while QEMU initializes, and waits until QMP says {@code running}. Every step's undo is recorded;
 * if QEMU fails to start or dies while starting, the vGPUs are destroyed, drivers restored and
 * files removed before the error, which carries QEMU's own message, is thrown.
 */
public final class VmStarter
{
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final VmHost host;
    private final VmStateStore store;

    public VmStarter(VmHost host)
    {
        this.host = requireNonNull(host, "host is null");
        this.store = host.store();
    }

    public StartResult start(VmSpec spec, boolean dryRun, boolean safeMode)
    {
        VmFiles files = VmFiles.of(spec.name(), host.directories(), host.paths());
        checkPaths(spec);
        List<String> warnings = new ArrayList<>();
        List<String> writes = new ArrayList<>();
        List<String> notes;
        try (VmStateStore.Lock ignored = store.lock()) {
            List<VmState> running = new ArrayList<>();
            notes = new VmReconciler(host).reconcile(running);
            for (VmState state : running) {
                if (state.name().equals(spec.name())) {
                    throw new VfioException(StandardErrorCode.ALREADY_EXISTS, "VM " + spec.name() + " is already running (pid " + state.pid()
                            + "); stop it first with 'libvfio stop " + spec.name() + "'");
                }
            }
            VmPorts ports = new PortAllocator(new SplittableRandom()).allocate(spec, running, true);
            Optional<OvmfFirmware> firmware = firmware(spec);
            AcceleratorChoice accelerator = new AcceleratorSelector(host.paths()).choose(spec.machine().accel());
            accelerator.warning().ifPresent(warnings::add);
            UndoLog undo = new UndoLog();
            try {
                List<AttachedVgpu> vgpus = new ArrayList<>();
                List<String> requests = new ArrayList<>();
                Optional<ScheduleHint> hint = Optional.empty();
                for (GpuSlotRequest request : spec.gpus()) {
                    requests.add(request.describe());
                    if (dryRun) {
                        io.libvfio.runtime.vm.gpu.VgpuProvider.Preview preview = host.vgpus().preview(spec.name(), request);
                        vgpus.add(preview.vgpu());
                        writes.addAll(preview.writes());
                    }
                    else {
                        vgpus.add(host.vgpus().acquire(spec.name(), request, undo));
                    }
                    if (hint.isEmpty()) {
                        hint = Optional.of(host.vgpus().hint(vgpus.get(vgpus.size() - 1)));
                    }
                }
                StringBuilder memoryWhy = new StringBuilder();
                Optional<MemoryBacking> memory = spec.gpus().isEmpty() ? Optional.empty()
                        : MemoryPlanner.plan(spec.machine().memoryMib(), hint, host.inventory().get(),
                        Files.isDirectory(host.paths().resolve(MemoryPlanner.HUGETLBFS)), memoryWhy);
                String memoryText = spec.gpus().isEmpty() ? "ordinary memory (no GPU)" : memoryWhy.toString();
                CpuList pinTo = hint.map(ScheduleHint::cpus).orElse(CpuList.empty());
                String pinning = pinTo.isEmpty() ? "none (no GPU with known local CPUs)" : "vCPUs pinned to CPUs " + pinTo + " (the GPU's local CPUs)";
                LaunchPlan plan = new LaunchPlan(host.qemu(), randomUuid(), files, ports, firmware, accelerator, vgpus, memory,
                        Files.exists(host.paths().resolve("/dev/vhost-vsock")), safeMode);
                QemuCommandLine argv = new QemuCommandBuilder(host.paths()).build(spec, plan);
                if (dryRun) {
                    plannedWrites(spec, files, firmware, writes);
                    return new StartResult(spec.name(), true, OptionalLong.empty(), argv.argv(), ports, accelerator.accelerator(), vgpus, requests,
                            memoryText, pinning, writes, warnings, notes, files.qmpSocket(), files.log());
                }
                prepare(spec, files, firmware, undo, writes);
                for (List<String> hook : spec.hooks().startup()) {
                    runStartupHook(hook);
                }
                if (spec.machine().tpm()) {
                    startTpm(files, undo);
                }
                ProcessHandle qemu = launch(argv, files, undo);
                // Recorded while QEMU initializes rather than after 'running', off the critical path; other commands
                // read it only once this start releases the state lock, and a failed start forgets it.
                VmState state = new VmState(spec.name(), plan.uuid(), qemu.pid(), qemu.info().startInstant().orElse(Instant.EPOCH),
                        host.clock().instant(), spec.source(), files.qmpSocket(), accelerator.accelerator(), ports, vgpus,
                        stateFiles(spec, files), spec.introspection().lookingGlass().map(resolution -> files.lookingGlassShm()),
                        spec.introspection().audio() == VmSpec.Audio.SCREAM ? Optional.of(files.screamShm()) : Optional.empty(),
                        spec.hooks().teardown(), argv.argv());
                store.write(state);
                undo.record("forget the state of VM " + spec.name(), new StateForgetting(store, spec.name()));
                String kvmNote = waitRunning(qemu, files, accelerator);
                if (!kvmNote.isEmpty()) {
                    warnings.add(kvmNote);
                    state = state.withAccelerator("tcg");
                    store.write(state);
                }
                undo.commit();
                String pinned = pinTo.isEmpty() ? pinning : pin(files, pinTo);
                return new StartResult(spec.name(), false, OptionalLong.of(qemu.pid()), argv.argv(), ports, state.accelerator(), vgpus, requests,
                        memoryText, pinned, writes, warnings, notes, files.qmpSocket(), files.log());
            }
            catch (RuntimeException e) {
                throw undo.rollback(e);
            }
        }
    }

    /** A random (version 4) VM UUID, without SecureRandom's start-up cost: it names the VM, it guards nothing. */
    static UUID randomUuid()
    {
        SplittableRandom random = new SplittableRandom();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static void checkPaths(VmSpec spec)
    {
        VmSpec.Storage storage = spec.storage();
        if (storage.disk().isPresent() && !Files.isRegularFile(storage.disk().get())) {
            throw new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, spec.where("disks[0]") + ": no disk image " + storage.disk().get()
                    + " (create it with 'libvfio create " + spec.source().getFileName() + " INSTALLER.iso SIZE_GB')");
        }
        if (storage.cdrom().isPresent() && !Files.isRegularFile(storage.cdrom().get())) {
            throw new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, spec.where("installIso") + ": no ISO image " + storage.cdrom().get());
        }
        for (Path extra : storage.extraDisks()) {
            if (!Files.isRegularFile(extra)) {
                throw new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, spec.where("disks") + ": no disk image " + extra);
            }
        }
    }

    private Optional<OvmfFirmware> firmware(VmSpec spec)
    {
        if (spec.machine().firmware() != VmSpec.Firmware.UEFI) {
            return Optional.empty();
        }
        Optional<OvmfFirmware> firmware = new FirmwareDescriptors(host.fs()).uefi(false);
        if (firmware.isEmpty()) {
            throw new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, spec.where("firmware")
                    + ": no UEFI firmware: no QEMU firmware descriptor for x86_64 q35 OVMF in /usr/share/qemu/firmware under " + host.paths()
                    + " (install the ovmf package, or ask for BIOS firmware)");
        }
        return firmware;
    }

    private void plannedWrites(VmSpec spec, VmFiles files, Optional<OvmfFirmware> firmware, List<String> writes)
    {
        writes.add("mkdir " + files.runDir());
        writes.add("mkdir " + files.dataDir());
        if (firmware.isPresent() && !Files.exists(files.uefiVars())) {
            writes.add("copy " + host.paths().resolve(firmware.get().varsTemplate()) + " -> " + files.uefiVars());
        }
        if (spec.machine().tpm()) {
            writes.add("start swtpm with its state in " + files.tpmDir() + " and socket " + files.tpmSocket());
        }
        writes.add("write " + store.file(spec.name()) + " (VM state)");
    }

    private void prepare(VmSpec spec, VmFiles files, Optional<OvmfFirmware> firmware, UndoLog undo, List<String> writes)
    {
        try {
            if (!Files.isDirectory(files.runDir())) {
                Files.createDirectories(files.runDir());
                writes.add("mkdir " + files.runDir());
                undo.record("remove " + files.runDir(), new PathRemoval(files.runDir()));
            }
            Files.createDirectories(files.dataDir());
            Files.deleteIfExists(files.qmpSocket());
            Files.deleteIfExists(files.log());
            if (firmware.isPresent() && !Files.exists(files.uefiVars())) {
                Path template = host.paths().resolve(firmware.get().varsTemplate());
                Files.copy(template, files.uefiVars());
                writes.add("copy " + template + " -> " + files.uefiVars());
            }
            if (spec.introspection().lookingGlass().isPresent() || spec.introspection().audio() == VmSpec.Audio.SCREAM) {
                Files.createDirectories(files.lookingGlassShm().getParent());
            }
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "cannot prepare the files of VM " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    private void runStartupHook(List<String> hook)
    {
        io.libvfio.api.spi.CommandResult result = host.commands().run(hook, VmReconciler.HOOK_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new VfioException(StandardErrorCode.COMMAND_FAILED, "startup hook " + String.join(" ", hook) + " exited with "
                    + result.exitCode() + ": " + result.stderr().strip());
        }
    }

    private void startTpm(VmFiles files, UndoLog undo)
    {
        try {
            Files.createDirectories(files.tpmDir());
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "cannot create " + files.tpmDir() + ": " + e.getMessage(), e);
        }
        io.libvfio.api.spi.CommandResult result = host.commands().run(List.of("swtpm", "socket", "--tpm2", "--tpmstate", "dir=" + files.tpmDir(),
                "--ctrl", "type=unixio,path=" + files.tpmSocket(), "--terminate", "--daemon"), Duration.ofSeconds(10));
        if (result.exitCode() != 0) {
            throw new VfioException(StandardErrorCode.COMMAND_FAILED, "swtpm could not start: " + result.stderr().strip());
        }
        undo.record("remove " + files.tpmSocket(), new PathRemoval(files.tpmSocket()));
    }

    private ProcessHandle launch(QemuCommandLine argv, VmFiles files, UndoLog undo)
    {
        ProcessHandle qemu = host.launcher().start(argv.argv(), files.log());
        undo.record("stop QEMU (pid " + qemu.pid() + ")", new QemuStop(qemu, files.qmpSocket()));
        return qemu;
    }

    /** Waits until QMP answers {@code running}; returns a warning when KVM was tried but QEMU fell back to TCG. */
    private String waitRunning(ProcessHandle qemu, VmFiles files, AcceleratorChoice accelerator)
    {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!qemu.isAlive()) {
                throw qemuDied(files);
            }
            if (Files.exists(files.qmpSocket())) {
                try (QmpClient qmp = QmpClient.connect(files.qmpSocket())) {
                    String status = qmp.status();
                    if ("running".equals(status)) {
                        return accelerator.kvm() && !"kvm".equals(accelerator.accelerator()) && !qmp.kvmEnabled()
                                ? "KVM could not start this VM (see " + files.log() + "): QEMU fell back to TCG software emulation, which is many times slower"
                                : "";
                    }
                }
                catch (IOException e) {
                    // not listening yet, or QEMU died: the next round tells
                }
            }
            sleep();
        }
        throw new VfioException(StandardErrorCode.TIMEOUT, "QEMU did not reach 'running' within " + START_TIMEOUT.toSeconds() + " s (log: " + files.log() + ")");
    }

    private static VfioException qemuDied(VmFiles files)
    {
        String message = QemuLog.lastLines(files.log(), 4);
        return new VfioException(StandardErrorCode.COMMAND_FAILED, "QEMU exited while starting: "
                + (message.isEmpty() ? "no message (log: " + files.log() + ")" : message));
    }

    private String pin(VmFiles files, CpuList cpus)
    {
        try (QmpClient qmp = QmpClient.connect(files.qmpSocket())) {
            List<Long> threads = qmp.vcpuThreads();
            if (!host.paths().isRealRoot()) {
                return "not pinned on a simulated root (would pin " + threads.size() + " vCPU threads to CPUs " + cpus + ")";
            }
            for (int index = 0; index < threads.size(); index++) {
                host.affinity().pin(threads.get(index), new CpuList(List.of(cpus.cpus().get(index % cpus.size()))));
            }
            return threads.size() + " vCPUs pinned one each to CPUs " + cpus + " (the GPU's local CPUs)";
        }
        catch (IOException | RuntimeException e) {
            return "vCPUs not pinned: " + e.getMessage();
        }
    }

    private static List<Path> stateFiles(VmSpec spec, VmFiles files)
    {
        List<Path> list = new ArrayList<>();
        list.add(files.qmpSocket());
        if (spec.machine().tpm()) {
            list.add(files.tpmSocket());
        }
        if (spec.introspection().lookingGlass().isPresent()) {
            list.add(files.lookingGlassShm());
        }
        if (spec.introspection().audio() == VmSpec.Audio.SCREAM) {
            list.add(files.screamShm());
        }
        list.add(files.runDir());
        return list;
    }

    private static void sleep()
    {
        try {
            Thread.sleep(2);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VfioException(StandardErrorCode.TIMEOUT, "interrupted while waiting for QEMU", e);
        }
    }

    // The undo steps are classes rather than lambdas: linking one costs start-up time on the way to QEMU's launch.

    /** Removes a file or an empty directory that start made. */
    private record PathRemoval(Path path)
            implements Runnable
    {
        @Override
        public void run()
        {
            deleteQuietly(path);
        }
    }

    /** Stops a QEMU that start launched and removes its QMP socket. */
    private record QemuStop(ProcessHandle qemu, Path qmpSocket)
            implements Runnable
    {
        @Override
        public void run()
        {
            qemu.destroyForcibly();
            qemu.onExit().join();
            deleteQuietly(qmpSocket);
        }
    }

    /** Forgets the state record written while QEMU initialized. */
    private record StateForgetting(VmStateStore store, VmName name)
            implements Runnable
    {
        @Override
        public void run()
        {
            store.delete(name);
        }
    }

    static void deleteQuietly(Path path)
    {
        try {
            Files.deleteIfExists(path);
        }
        catch (IOException e) {
            // a directory that is not empty stays, with what QEMU left in it
        }
    }
}
