package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.Mechanism;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Probe;
import io.libvfio.api.spi.SupportEntry;

import java.util.ArrayList;
import java.util.List;

/** Entry point of the {@code intel-gvtg} backend, found through {@link java.util.ServiceLoader}. */
public final class IntelGvtgBackendProvider
        implements BackendProvider
{
    public static final String NAME = "intel-gvtg";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "Intel GVT-g: mdev vGPUs of Broadwell to Comet Lake iGPUs (i915 with kvmgt)";
    }

    @Override
    public int priority()
    {
        return 80;
    }

    /** Supported as soon as there is an Intel GPU, so that the GPUs it cannot share are explained. */
    @Override
    public Probe probe(BackendContext context)
    {
        List<GvtgGpu> gpus = new GvtgGpuScanner(context).scan();
        if (gpus.isEmpty()) {
            return Probe.unsupported("no Intel GPU on this host");
        }
        long shareable = gpus.stream().filter(gpu -> gpu.gpu().isShareable()).count();
        List<String> parts = new ArrayList<>();
        if (shareable > 0) {
            parts.add(shareable + " with GVT-g types");
        }
        if (shareable < gpus.size()) {
            parts.add((gpus.size() - shareable) + " not shareable by GVT-g");
        }
        return Probe.supported("%d Intel GPU%s: %s".formatted(gpus.size(), gpus.size() == 1 ? "" : "s", String.join(", ", parts)));
    }

    @Override
    public Backend create(BackendContext context)
    {
        return new IntelGvtgBackend(context);
    }

    /** GVT-g on Gen8 to Gen9.x iGPUs (sysfs-spec §3). */
    @Override
    public List<SupportEntry> support()
    {
        return List.of(new SupportEntry("Intel", "iGPUs Gen8 to Gen9.x (Broadwell to Comet Lake)", Mechanism.MDEV,
                "`CONFIG_DRM_I915_GVT_KVMGT`", "`i915.enable_gvt=1`, `kvmgt` loaded, GuC submission off", true));
    }
}
