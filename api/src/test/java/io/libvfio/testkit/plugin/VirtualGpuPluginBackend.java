package io.libvfio.testkit.plugin;

import io.libvfio.api.CpuList;
import io.libvfio.api.CreateRequest;
import io.libvfio.api.Gpu;
import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
import io.libvfio.api.ScheduleHint;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.Capability;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** One GPU named {@value #GPU} (no PCI device) with one mdev type, {@value #TYPE}: 256 MiB, 2 of 3 free. */
public final class VirtualGpuPluginBackend
        implements Backend
{
    public static final String GPU = "fixture-gpu";
    public static final String TYPE = "fixture-256";

    private static final GpuId ID = GpuId.parse(GPU);

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
        return List.of(new Gpu(ID, Optional.empty(), "fixture virtual GPU", List.of(Mechanism.MDEV), Optional.empty(), Map.of()));
    }

    @Override
    public List<VgpuType> listTypes(GpuId gpu)
    {
        if (!ID.equals(gpu)) {
            throw new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, "no GPU " + gpu);
        }
        return List.of(new VgpuType(TYPE, "Fixture 256", ID, Mechanism.MDEV, 256, 1, Optional.empty(), 3, 2, Map.of()));
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
