package io.libvfio.backend.amd.gim;

import io.libvfio.api.Mechanism;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Probe;
import io.libvfio.api.spi.SupportEntry;

import java.util.ArrayList;
import java.util.List;

/** Entry point of the {@code amd-gim} backend, found through {@link java.util.ServiceLoader}. */
public final class AmdGimBackendProvider
        implements BackendProvider
{
    public static final String NAME = "amd-gim";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "AMD MxGPU: SR-IOV VFs created by GIM (FirePro S7150, Instinct MI, Radeon PRO V)";
    }

    @Override
    public int priority()
    {
        return 100;
    }

    /** Supported as soon as there is an AMD GPU, so that the GPUs it cannot share are explained. */
    @Override
    public Probe probe(BackendContext context)
    {
        List<GimGpu> gpus = new GimGpuScanner(context).scan();
        if (gpus.isEmpty()) {
            return Probe.unsupported("no AMD GPU on this host");
        }
        long shareable = gpus.stream().filter(gpu -> gpu.gpu().isShareable()).count();
        List<String> parts = new ArrayList<>();
        if (shareable > 0) {
            parts.add(shareable + " with GIM VFs");
        }
        if (shareable < gpus.size()) {
            parts.add((gpus.size() - shareable) + " not shareable");
        }
        return Probe.supported("%d AMD GPU%s: %s".formatted(gpus.size(), gpus.size() == 1 ? "" : "s", String.join(", ", parts)));
    }

    @Override
    public Backend create(BackendContext context)
    {
        return new AmdGimBackend(context);
    }

    /** MxGPU under legacy and open-source GIM (sysfs-spec §6). */
    @Override
    public List<SupportEntry> support()
    {
        return List.of(
                new SupportEntry("AMD", "FirePro S7150 (legacy GIM)", Mechanism.SRIOV_VF, "4.x with AMD's SR-IOV patch (GIM's tested setup)",
                        "`gim` driver (VFs enabled by GIM from `vf_num`), `amdgpu` kept off the card, IOMMU on", true),
                new SupportEntry("AMD", "Instinct MI210/MI300X, Radeon PRO V710 (open-source GIM)", Mechanism.SRIOV_VF, "those the GIM 8+ release supports",
                        "`gim` driver (VFs enabled by GIM from `vf_num`), `amdgpu` kept off the card, IOMMU on", true));
    }
}
