package io.libvfio.runtime.vm;

import io.libvfio.api.ScheduleHint;
import io.libvfio.api.spi.UndoLog;
import io.libvfio.runtime.vm.gpu.AttachedVgpu;
import io.libvfio.runtime.vm.gpu.VgpuProvider;
import io.libvfio.runtime.vm.spec.GpuSlotRequest;
import io.libvfio.runtime.vm.spec.VmName;

/** For VMs without GPUs: any use is a test failure. */
final class NoVgpus
        implements VgpuProvider
{
    @Override
    public AttachedVgpu acquire(VmName vm, GpuSlotRequest request, UndoLog undo)
    {
        throw new AssertionError("no vGPU expected");
    }

    @Override
    public Preview preview(VmName vm, GpuSlotRequest request)
    {
        throw new AssertionError("no vGPU expected");
    }

    @Override
    public ScheduleHint hint(AttachedVgpu vgpu)
    {
        throw new AssertionError("no vGPU expected");
    }

    @Override
    public void release(AttachedVgpu vgpu)
    {
        throw new AssertionError("no vGPU expected");
    }
}
