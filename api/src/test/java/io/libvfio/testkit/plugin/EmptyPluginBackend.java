package io.libvfio.testkit.plugin;

import io.libvfio.api.CpuList;
import io.libvfio.api.CreateRequest;
import io.libvfio.api.Gpu;
import io.libvfio.api.Mechanism;
import io.libvfio.api.GpuId;
import io.libvfio.api.ScheduleHint;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.Capability;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** The backend of the test plug-ins: it finds no GPU. */
public final class EmptyPluginBackend
        implements Backend
{
    @Override
    public Set<Capability> capabilities()
    {
        return Set.of();
    }

    @Override
    public Set<Mechanism> mechanisms()
    {
        return Set.of(Mechanism.MDEV);
    }

    @Override
    public List<Gpu> discover()
    {
        return List.of();
    }

    @Override
    public List<VgpuType> listTypes(GpuId gpu)
    {
        return List.of();
    }

    @Override
    public VirtualGpu create(CreateRequest request)
    {
        throw new VfioException(StandardErrorCode.OPERATION_UNSUPPORTED, "the test plug-in creates nothing");
    }

    @Override
    public void destroy(VirtualGpu instance)
    {
        throw new VfioException(StandardErrorCode.OPERATION_UNSUPPORTED, "the test plug-in destroys nothing");
    }

    @Override
    public ScheduleHint scheduleHint(GpuId gpu)
    {
        return new ScheduleHint(gpu, OptionalInt.empty(), CpuList.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty());
    }
}
