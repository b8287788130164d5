package io.libvfio.runtime.vm;

import io.libvfio.runtime.vm.spec.VmName;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * How a VM stopped.
 *
 * @param how {@code powered-off} (the guest shut down after the ACPI power button), {@code quit}
 *            (QMP quit after the timeout, or at once with --force), {@code killed} (QEMU did not
 *            answer QMP), or {@code already-stopped}
 */
public record StopResult(VmName name, long pid, String how, Duration took, List<String> cleanup, List<String> notes)
{
    public StopResult
    {
        requireNonNull(name, "name is null");
        requireNonNull(how, "how is null");
        requireNonNull(took, "took is null");
        cleanup = List.copyOf(cleanup);
        notes = List.copyOf(notes);
    }
}
