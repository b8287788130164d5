package io.libvfio.backend.intel.sriov;

import io.libvfio.api.Mechanism;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Probe;
import io.libvfio.api.spi.SupportEntry;

import java.util.ArrayList;
import java.util.List;

/** Entry point of the {@code intel-sriov} backend, found through {@link java.util.ServiceLoader}. */
public final class IntelSriovBackendProvider
        implements BackendProvider
{
    public static final String NAME = "intel-sriov";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "Intel GPU SR-IOV: VFs of i915 (prelim_iov, i915-sriov-dkms or Intel backports) and xe PFs";
    }

    @Override
    public int priority()
    {
        return 90;
    }

    /** Supported as soon as there is an Intel GPU, so that the GPUs it cannot share are explained. */
    @Override
    public Probe probe(BackendContext context)
    {
        List<SriovGpu> gpus = new SriovGpuScanner(context).scan();
        if (gpus.isEmpty()) {
            return Probe.unsupported("no Intel GPU on this host");
        }
        long shareable = gpus.stream().filter(gpu -> gpu.gpu().isShareable()).count();
        List<String> parts = new ArrayList<>();
        if (shareable > 0) {
            parts.add(shareable + " with SR-IOV VFs");
        }
        if (shareable < gpus.size()) {
            parts.add((gpus.size() - shareable) + " not shareable by SR-IOV");
        }
        return Probe.supported("%d Intel GPU%s: %s".formatted(gpus.size(), gpus.size() == 1 ? "" : "s", String.join(", ", parts)));
    }

    @Override
    public Backend create(BackendContext context)
    {
        return new IntelSriovBackend(context);
    }

    /** i915 ({@code prelim_iov}) and xe ({@code sriov_admin}) SR-IOV (sysfs-spec §4). */
    @Override
    public List<SupportEntry> support()
    {
        return List.of(
                new SupportEntry("Intel", "Data Center GPU Flex/Max (i915 backports, `prelim_iov`), Alder Lake+ iGPUs (i915 SR-IOV DKMS)",
                        Mechanism.SRIOV_VF, "those the out-of-tree i915 builds for", "`i915.max_vfs`, GuC submission (`i915.enable_guc=3`), IOMMU on", true),
                new SupportEntry("Intel", "Arc Pro B-series, Panther Lake (`xe`, `sriov_admin`)",
                        Mechanism.SRIOV_VF, "6.19+ (`sriov_admin`)", "`xe.max_vfs`, GuC submission, IOMMU on", true));
    }
}
