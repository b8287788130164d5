package io.libvfio.runtime.vm.gpu;

import io.libvfio.api.ScheduleHint;
import io.libvfio.api.spi.UndoLog;
import io.libvfio.runtime.vm.spec.GpuSlotRequest;
import io.libvfio.runtime.vm.spec.VmName;

/**
 * The narrow seam between the VM lifecycle and vGPU management: "give me a vGPU for this
 * request" and "release it". An implementation creates (or takes) the slice, binds it for
 * VFIO, and records how to undo each step in the caller's {@link UndoLog}, so that a VM whose
 * QEMU fails to start leaves the host as it was.
 */
public interface VgpuProvider
{
    /** A vGPU for the request, ready for QEMU; every change it made is recorded in {@code undo}. */
    AttachedVgpu acquire(VmName vm, GpuSlotRequest request, UndoLog undo);

    /** What {@link #acquire} would do, changing nothing: the vGPU it would make and the host writes, in order. */
    Preview preview(VmName vm, GpuSlotRequest request);

    /** A planned vGPU and the writes that would make it. */
    record Preview(AttachedVgpu vgpu, java.util.List<String> writes)
    {
        public Preview
        {
            java.util.Objects.requireNonNull(vgpu, "vgpu is null");
            writes = java.util.List.copyOf(writes);
        }
    }

    /** Where the vGPU's GPU sits: NUMA node and local CPUs, for hugepages and pinning. */
    ScheduleHint hint(AttachedVgpu vgpu);

    /** Destroys a vGPU this provider created (or unbinds one it took) and restores the drivers. */
    void release(AttachedVgpu vgpu);
}
