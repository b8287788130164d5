package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.Mechanism;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Probe;
import io.libvfio.api.spi.SupportEntry;

import java.util.ArrayList;
import java.util.List;

/** Entry point of the {@code nvidia-gvm} backend, found through {@link java.util.ServiceLoader}. */
public final class NvidiaGvmBackendProvider
        implements BackendProvider
{
    public static final String NAME = "nvidia-gvm";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "NVIDIA vGPU: mdev types (vGPU host driver, GVM, vgpu_unlock) and vGPU 17+ vendor-VFIO VFs";
    }

    @Override
    public int priority()
    {
        return 100;
    }

    /** Supported as soon as there is an NVIDIA GPU, so that the GPUs it cannot share are explained. */
    @Override
    public Probe probe(BackendContext context)
    {
        // Only the mechanisms, from the fewest reads that decide them: discovery reads the rest.
        List<List<Mechanism>> gpus = new NvidiaGpuScanner(context).mechanisms();
        if (gpus.isEmpty()) {
            return Probe.unsupported("no NVIDIA GPU on this host");
        }
        int mdev = 0;
        int vendorVfio = 0;
        int unshareable = 0;
        for (List<Mechanism> mechanisms : gpus) {
            mdev += mechanisms.contains(Mechanism.MDEV) ? 1 : 0;
            vendorVfio += mechanisms.contains(Mechanism.VENDOR_VFIO) ? 1 : 0;
            unshareable += mechanisms.isEmpty() ? 1 : 0;
        }
        List<String> parts = new ArrayList<>();
        if (mdev > 0) {
            parts.add(mdev + " with mdev types");
        }
        if (vendorVfio > 0) {
            parts.add(vendorVfio + " with vGPU VFs");
        }
        if (unshareable > 0) {
            parts.add(unshareable + " not shareable");
        }
        return Probe.supported(gpus.size() + " NVIDIA GPU" + (gpus.size() == 1 ? "" : "s") + ": " + String.join(", ", parts));
    }

    @Override
    public Backend create(BackendContext context)
    {
        return new NvidiaGvmBackend(context);
    }

    /** Classic mdev vGPU and the vGPU 17+ vendor-specific VFIO framework (sysfs-spec §5). */
    @Override
    public List<SupportEntry> support()
    {
        return List.of(
                new SupportEntry("NVIDIA", "GPUs with mdev types: GRID/vGPU host driver (Maxwell to Ampere), GVM/Mdev-GPU profiles, vgpu_unlock; Ampere mdev-on-VF",
                        Mechanism.MDEV, "VFIO mdev; vGPU 17+ drivers switch to vendor VFIO on 6.8+", "`nvidia` + `nvidia_vgpu_vfio`, IOMMU on", true),
                new SupportEntry("NVIDIA", "Ada, Hopper, Blackwell on vGPU 17+: VFs with `nvidia/creatable_vgpu_types`",
                        Mechanism.VENDOR_VFIO, "6.8+", "`nvidia` vGPU host driver, VFs enabled by `sriov-manage`, IOMMU on", true));
    }
}
