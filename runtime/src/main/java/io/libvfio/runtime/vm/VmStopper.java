package io.libvfio.runtime.vm;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.vm.qmp.QmpClient;
import io.libvfio.runtime.vm.spec.VmName;
import io.libvfio.runtime.vm.state.VmProcesses;
import io.libvfio.runtime.vm.state.VmState;
import io.libvfio.runtime.vm.state.VmStateStore;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Stops a VM: presses the ACPI power button over QMP ({@code system_powerdown}) and waits up to
 * the timeout for the guest to shut down; then (or at once with {@code force}) sends QMP
 * {@code quit}; a QEMU that does not answer QMP is killed. Then it cleans up as the reconcile
 * does: vGPUs, sockets, shared memory, teardown hooks, state file.
 */
public final class VmStopper
{
    static final Duration QUIT_GRACE = Duration.ofSeconds(10);

    private final VmHost host;
    private final VmStateStore store;
    private final VmProcesses processes;

    public VmStopper(VmHost host)
    {
        this.host = requireNonNull(host, "host is null");
        this.store = host.store();
        this.processes = host.processes();
    }

    public StopResult stop(VmName name, Duration timeout, boolean force)
    {
        long started = System.nanoTime();
        VmState state;
        List<String> notes;
        if (!java.nio.file.Files.exists(store.file(name))) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND, "no VM named " + name + " is running (see 'libvfio ps')");
        }
        try (VmStateStore.Lock ignored = store.lock()) {
            Optional<VmState> found = store.read(name);
            notes = new VmReconciler(host).reconcile(new ArrayList<>());
            if (found.isEmpty()) {
                throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND, "no VM named " + name + " is running (see 'libvfio ps')");
            }
            state = found.get();
            if (store.read(name).isEmpty()) {
                return new StopResult(name, state.pid(), "already-stopped", elapsed(started), List.of(), notes);
            }
        }
        String how = shutDown(state, timeout, force);
        List<String> cleanup;
        try (VmStateStore.Lock ignored = store.lock()) {
            cleanup = new VmReconciler(host).clean(state);
        }
        return new StopResult(name, state.pid(), how, elapsed(started), cleanup, notes);
    }

    private String shutDown(VmState state, Duration timeout, boolean force)
    {
        try (QmpClient qmp = QmpClient.connect(state.qmpSocket())) {
            if (!force) {
                qmp.systemPowerdown();
                if (waitExit(state, timeout)) {
                    return "powered-off";
                }
            }
            try {
                qmp.quit();
            }
            catch (IOException e) {
                // QEMU closes the socket as it quits
            }
            if (waitExit(state, QUIT_GRACE)) {
                return "quit";
            }
        }
        catch (IOException e) {
            // QMP does not answer: kill below
        }
        processes.kill(state.pid(), state.processStart());
        if (!waitExit(state, QUIT_GRACE)) {
            throw new VfioException(StandardErrorCode.TIMEOUT, "QEMU (pid " + state.pid() + ") of VM " + state.name() + " survived SIGKILL");
        }
        return "killed";
    }

    private boolean waitExit(VmState state, Duration timeout)
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processes.alive(state.pid(), state.processStart())) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static Duration elapsed(long started)
    {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
