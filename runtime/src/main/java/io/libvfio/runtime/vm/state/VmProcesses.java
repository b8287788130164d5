package io.libvfio.runtime.vm.state;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a VM's QEMU still runs: the pid exists and started when the state file says it did
 * (a pid the kernel gave to another program since has another start time). QEMU runs on this
 * machine whatever {@code --root} is, so this looks at the machine's own processes.
 */
public final class VmProcesses
{
    public boolean alive(long pid, Instant processStart)
    {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        Optional<Instant> start = process.get().info().startInstant();
        return start.isEmpty() || start.get().equals(processStart);
    }

    /** The start time of a running process, as {@link #alive} compares it. */
    public Optional<Instant> startOf(long pid)
    {
        return ProcessHandle.of(pid).flatMap(process -> process.info().startInstant());
    }

    /** Sends SIGKILL to the VM's QEMU when it is still the same process. */
    public void kill(long pid, Instant processStart)
    {
        if (alive(pid, processStart)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
