package io.libvfio.runtime.doctor;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.Gpu;
import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.Resolution;
import io.libvfio.api.ScheduleHint;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Capability;
import io.libvfio.api.spi.HostRequirement;
import io.libvfio.api.spi.Probe;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A backend for doctor's tests: it serves the GPUs it is told to, with the given mechanism,
 * types and limitation, and answers with the given host requirements (or throws them).
 */
public final class StubBackend
        implements BackendProvider
{
    /** One GPU this backend claims. */
    public record Served(PciAddress address, List<Mechanism> mechanisms, Optional<String> limitation, List<VgpuType> types)
    {
    }

    private final String name;
    private final List<Served> served = new ArrayList<>();
    private final List<HostRequirement> requirements = new ArrayList<>();
    private VfioException requirementsFailure;

    public StubBackend(String name)
    {
        this.name = name;
    }

    public StubBackend serve(String address, Mechanism mechanism, VgpuType... types)
    {
        served.add(new Served(PciAddress.parse(address), List.of(mechanism), Optional.empty(), List.of(types)));
        return this;
    }

    public StubBackend decline(String address, String limitation)
    {
        served.add(new Served(PciAddress.parse(address), List.of(), Optional.of(limitation), List.of()));
        return this;
    }

    public StubBackend require(HostRequirement requirement)
    {
        requirements.add(requirement);
        return this;
    }

    public StubBackend failRequirements(String message)
    {
        requirementsFailure = new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, message);
        return this;
    }

    public static VgpuType type(String parent, String id, String name, Mechanism mechanism, long framebufferMib, int available)
    {
        return new VgpuType(id, name, PciAddress.parse(parent), mechanism, framebufferMib, 1, Optional.of(new Resolution(1920, 1080)),
                Math.max(available, 1), available, Map.of());
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public String description()
    {
        return "test backend " + name;
    }

    @Override
    public int priority()
    {
        return 50;
    }

    @Override
    public Probe probe(BackendContext context)
    {
        return Probe.supported("stub");
    }

    @Override
    public Backend create(BackendContext context)
    {
        return new Backend()
        {
            @Override
            public Set<Capability> capabilities()
            {
                return EnumSet.noneOf(Capability.class);
            }

            @Override
            public Set<Mechanism> mechanisms()
            {
                return EnumSet.allOf(Mechanism.class);
            }

            @Override
            public List<Gpu> discover()
            {
                List<Gpu> gpus = new ArrayList<>();
                for (Served gpu : served) {
                    PciDevice device = context.inventory().device(gpu.address()).orElseThrow();
                    gpus.add(new Gpu(device, device.displayName(), gpu.mechanisms(), gpu.limitation(), Map.of()));
                }
                return gpus;
            }

            @Override
            public List<VgpuType> listTypes(GpuId gpu)
            {
                return served.stream().filter(candidate -> gpu.is(candidate.address())).findFirst().map(Served::types).orElse(List.of());
            }

            @Override
            public VirtualGpu create(CreateRequest request)
            {
                throw new VfioException(StandardErrorCode.OPERATION_UNSUPPORTED, "stub");
            }

            @Override
            public void destroy(VirtualGpu instance)
            {
                throw new VfioException(StandardErrorCode.OPERATION_UNSUPPORTED, "stub");
            }

            @Override
            public ScheduleHint scheduleHint(GpuId gpu)
            {
                return ScheduleHint.of(context.inventory().device(gpu.pciAddress().orElseThrow()).orElseThrow());
            }

            @Override
            public List<HostRequirement> hostRequirements()
            {
                if (requirementsFailure != null) {
                    throw requirementsFailure;
                }
                return List.copyOf(requirements);
            }
        };
    }
}
