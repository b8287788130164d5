package io.libvfio.runtime.vm;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.vm.spec.VmName;
import io.libvfio.runtime.vm.state.VmState;
import io.libvfio.runtime.vm.state.VmStateStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** The VMs libvfio runs, after cleaning up those that are gone ({@code libvfio ps}). */
public final class RunningVms
{
    private final VmHost host;

    public RunningVms(VmHost host)
    {
        this.host = requireNonNull(host, "host is null");
    }

    /** Reconciles, then lists; {@code notes} gets one line per VM cleaned up. */
    public List<RunningVm> list(List<String> notes)
    {
        List<VmState> running = new ArrayList<>();
        if (!java.nio.file.Files.isDirectory(host.store().directory())) {
            return List.of();
        }
        try (VmStateStore.Lock ignored = host.store().lock()) {
            notes.addAll(new VmReconciler(host).reconcile(running));
        }
        Instant now = host.clock().instant();
        List<RunningVm> vms = new ArrayList<>();
        for (VmState state : running) {
            vms.add(new RunningVm(state, Duration.between(state.startedAt(), now)));
        }
        return vms;
    }

    public RunningVm require(VmName name, List<String> notes)
    {
        for (RunningVm vm : list(notes)) {
            if (vm.state().name().equals(name)) {
                return vm;
            }
        }
        throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND, "no VM named " + name + " is running (see 'libvfio ps')");
    }
}
