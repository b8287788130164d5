package io.libvfio.runtime.vm;

import io.libvfio.runtime.vm.gpu.AttachedVgpu;
import io.libvfio.runtime.vm.spec.VmName;
import io.libvfio.runtime.vm.spec.VmPorts;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * What a start did, or with {@code dryRun} what it would do: the vGPUs, the memory and pinning
 * decisions, the host writes in order, the full QEMU argv, and warnings (such as the TCG
 * fallback).
 *
 * @param writes every sysfs write and file the start made (or would make), in order
 * @param notes what the reconcile before the start cleaned up
 */
public record StartResult(VmName name, boolean dryRun, OptionalLong pid, List<String> argv, VmPorts ports, String accelerator,
                          List<AttachedVgpu> vgpus, List<String> gpuRequests, String memory, String pinning, List<String> writes,
                          List<String> warnings, List<String> notes, Path qmpSocket, Path log)
{
    public StartResult
    {
        requireNonNull(name, "name is null");
        requireNonNull(pid, "pid is null");
        argv = List.copyOf(argv);
        requireNonNull(ports, "ports is null");
        requireNonNull(accelerator, "accelerator is null");
        vgpus = List.copyOf(vgpus);
        gpuRequests = List.copyOf(gpuRequests);
        requireNonNull(memory, "memory is null");
        requireNonNull(pinning, "pinning is null");
        writes = List.copyOf(writes);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
        requireNonNull(qmpSocket, "qmpSocket is null");
        requireNonNull(log, "log is null");
    }
}
