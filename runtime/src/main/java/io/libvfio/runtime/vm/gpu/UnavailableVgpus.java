package io.libvfio.runtime.vm.gpu;

import io.libvfio.api.ScheduleHint;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.UndoLog;
import io.libvfio.runtime.vm.spec.GpuSlotRequest;
import io.libvfio.runtime.vm.spec.VmName;

/**
 * The vGPU seam where this build has no vGPU service to create slices: a VM that asks for a GPU
 * gets a clear refusal (start it with {@code --disable-gpu}); releasing a vGPU recorded by an
 * earlier build is refused the same way, and the reconcile reports it.
 */
public final class UnavailableVgpus
        implements VgpuProvider
{
    @Override
    public AttachedVgpu acquire(VmName vm, GpuSlotRequest request, UndoLog undo)
    {
        throw new VfioException(StandardErrorCode.OPERATION_UNSUPPORTED, request.describe()
                + ": this build cannot create vGPUs for VMs yet (the vGPU service, issue 3); start the VM with --disable-gpu");
    }

    @Override
    public ScheduleHint hint(AttachedVgpu vgpu)
    {
        throw new VfioException(StandardErrorCode.OPERATION_UNSUPPORTED, "no vGPU service in this build");
    }

    @Override
    public void release(AttachedVgpu vgpu)
    {
        throw new VfioException(StandardErrorCode.OPERATION_UNSUPPORTED, "cannot release " + vgpu.description() + ": no vGPU service in this build");
    }
}
