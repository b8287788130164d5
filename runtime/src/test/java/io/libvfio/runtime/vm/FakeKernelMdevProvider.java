package io.libvfio.runtime.vm;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.ScheduleHint;
import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.UndoLog;
import io.libvfio.runtime.vm.gpu.AttachedVgpu;
import io.libvfio.runtime.vm.gpu.VgpuProvider;
import io.libvfio.runtime.vm.spec.GpuSlotRequest;
import io.libvfio.runtime.vm.spec.VmName;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * A test vGPU provider that creates an mdev of one type on one parent through a fake kernel,
 * the way the vGPU service does (write the UUID to {@code create}, undo by writing 1 to
 * {@code remove}), and counts releases.
 */
final class FakeKernelMdevProvider
        implements VgpuProvider
{
    private final HostFs fs;
    private final PciAddress parent;
    private final String type;
    final List<String> released = new ArrayList<>();

    FakeKernelMdevProvider(HostFs fs, PciAddress parent, String type)
    {
        this.fs = fs;
        this.parent = parent;
        this.type = type;
    }

    @Override
    public AttachedVgpu acquire(VmName vm, GpuSlotRequest request, UndoLog undo)
    {
        String uuid = UUID.randomUUID().toString();
        fs.write("/sys/class/mdev_bus/" + parent + "/mdev_supported_types/" + type + "/create", uuid);
        AttachedVgpu vgpu = new AttachedVgpu(uuid, Mechanism.MDEV, io.libvfio.api.GpuId.of(parent), Optional.of("/sys/bus/mdev/devices/" + uuid), Optional.empty(), request.devId(),
                type + " " + uuid + " on " + parent, true);
        undo.record("remove mdev " + uuid, () -> release(vgpu));
        return vgpu;
    }

    @Override
    public Preview preview(VmName vm, GpuSlotRequest request)
    {
        return new Preview(new AttachedVgpu("planned", Mechanism.MDEV, io.libvfio.api.GpuId.of(parent), Optional.of("/sys/bus/mdev/devices/planned"), Optional.empty(),
                request.devId(), type + " on " + parent, true), List.of("write UUID to /sys/class/mdev_bus/" + parent + "/mdev_supported_types/" + type + "/create"));
    }

    @Override
    public ScheduleHint hint(AttachedVgpu vgpu)
    {
        return new ScheduleHint(io.libvfio.api.GpuId.of(parent), OptionalInt.of(0), io.libvfio.api.CpuList.parse("0-1"), OptionalInt.empty(), OptionalInt.empty(), Optional.empty());
    }

    @Override
    public void release(AttachedVgpu vgpu)
    {
        fs.write("/sys/bus/mdev/devices/" + vgpu.id() + "/remove", "1");
        released.add(vgpu.id());
    }
}
