package io.libvfio.runtime.vm.state;

import io.libvfio.runtime.vm.spec.VmName;
import io.libvfio.runtime.vm.spec.VmPorts;
import io.libvfio.runtime.vm.gpu.AttachedVgpu;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * What libvfio remembers about a running VM, so that any later command can stop it or clean up
 * after it: QEMU's pid with its process start time (a reused pid has another start time), the
 * vGPUs it holds, the files it made (sockets, shared memory) and the teardown hooks.
 *
 * @param processStart QEMU's start time as the kernel reports it, to tell it from a later process with the same pid
 * @param files every file and socket to remove when the VM is gone
 * @param lookingGlass the Looking Glass shared-memory file, when the VM has one
 * @param scream the Scream shared-memory file, when the VM has one
 */
public record VmState(
        VmName name,
        UUID uuid,
        long pid,
        Instant processStart,
        Instant startedAt,
        Path source,
        Path qmpSocket,
        String accelerator,
        VmPorts ports,
        List<AttachedVgpu> vgpus,
        List<Path> files,
        java.util.Optional<Path> lookingGlass,
        java.util.Optional<Path> scream,
        List<List<String>> teardown,
        List<String> argv)
{
    public VmState
    {
        requireNonNull(name, "name is null");
        requireNonNull(uuid, "uuid is null");
        requireNonNull(processStart, "processStart is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(source, "source is null");
        requireNonNull(qmpSocket, "qmpSocket is null");
        requireNonNull(accelerator, "accelerator is null");
        requireNonNull(ports, "ports is null");
        vgpus = List.copyOf(requireNonNull(vgpus, "vgpus is null"));
        files = List.copyOf(requireNonNull(files, "files is null"));
        requireNonNull(lookingGlass, "lookingGlass is null");
        requireNonNull(scream, "scream is null");
        teardown = teardown.stream().map(List::copyOf).toList();
        argv = List.copyOf(requireNonNull(argv, "argv is null"));
    }

    /** This state with another accelerator (QEMU fell back from KVM to TCG). */
    public VmState withAccelerator(String accelerator)
    {
        return new VmState(name, uuid, pid, processStart, startedAt, source, qmpSocket, accelerator, ports, vgpus, files, lookingGlass, scream, teardown, argv);
    }
}
