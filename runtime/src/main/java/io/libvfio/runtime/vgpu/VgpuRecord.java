package io.libvfio.runtime.vgpu;

import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.VirtualGpu;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What libvfio remembers of a vGPU it made: which backend made it, who and when, and every
 * function it bound to {@code vfio-pci} with the driver it had, so that {@code destroy} (or a
 * later process) can give each one back.
 *
 * @param createdBy the user name of the process that made it
 * @param pid that process's id
 */
public record VgpuRecord(
        String id,
        String backend,
        GpuId parent,
        String typeId,
        Mechanism mechanism,
        Optional<PciAddress> function,
        String devicePath,
        String createdBy,
        long pid,
        Instant createdAt,
        List<FunctionBinding> bindings)
{
    public VgpuRecord
    {
        requireNonNull(id, "id is null");
        requireNonNull(backend, "backend is null");
        requireNonNull(parent, "parent is null");
        requireNonNull(typeId, "typeId is null");
        requireNonNull(mechanism, "mechanism is null");
        requireNonNull(function, "function is null");
        requireNonNull(devicePath, "devicePath is null");
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(createdAt, "createdAt is null");
        bindings = List.copyOf(requireNonNull(bindings, "bindings is null"));
    }

    public static VgpuRecord of(VirtualGpu instance, String backend, String createdBy, long pid, Instant createdAt, List<FunctionBinding> bindings)
    {
        return new VgpuRecord(instance.id(), backend, instance.parent(), instance.typeId(), instance.mechanism(), instance.function(),
                instance.devicePath(), createdBy, pid, createdAt, bindings);
    }

    /** The instance as a backend describes it. */
    public VirtualGpu instance()
    {
        return new VirtualGpu(id, parent, typeId, mechanism, function, devicePath);
    }
}
