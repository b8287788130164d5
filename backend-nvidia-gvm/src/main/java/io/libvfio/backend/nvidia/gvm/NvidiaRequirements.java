package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.HostRequirement;

import java.util.ArrayList;
import java.util.List;

/**
 * What a host with NVIDIA GPUs needs for vGPUs: NVIDIA's vGPU host driver, seen as the
 * {@code nvidia_vgpu_vfio} module (mdev types) or as VFs offering {@code nvidia/creatable_vgpu_types}
 * (vGPU 17+ vendor VFIO). Only the user can install it; libvfio never does.
 */
final class NvidiaRequirements
{
    static final String HOST_DRIVER = "NVIDIA vGPU host driver";
    private static final String FIX = "install NVIDIA's vGPU host driver (NVIDIA vGPU / AI Enterprise software) for vGPU-capable GPUs;"
            + " GeForce cards only through GVM profiles or vgpu_unlock (Maxwell to Turing); without it a GPU can only be passed through whole";

    private final BackendContext context;
    private final NvidiaGpuScanner scanner;

    NvidiaRequirements(BackendContext context, NvidiaGpuScanner scanner)
    {
        this.context = context;
        this.scanner = scanner;
    }

    List<HostRequirement> list()
    {
        List<NvidiaGpu> gpus = scanner.scan();
        if (gpus.isEmpty()) {
            return List.of();
        }
        List<PciAddress> addresses = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int vendorVfio = 0;
        for (NvidiaGpu gpu : gpus) {
            addresses.add(gpu.gpu().address());
            names.add(gpu.gpu().address().toString());
            if (gpu.gpu().mechanisms().contains(Mechanism.VENDOR_VFIO)) {
                vendorVfio++;
            }
        }
        boolean module = context.fs().exists(NvidiaGpuScanner.VGPU_HOST_MODULE);
        String state;
        if (module) {
            state = "nvidia_vgpu_vfio is loaded";
        }
        else if (vendorVfio > 0) {
            state = "the vGPU host driver offers vGPU types on the VFs of %d GPU%s (vendor VFIO)".formatted(vendorVfio, vendorVfio == 1 ? "" : "s");
        }
        else {
            String driver = gpus.get(0).gpu().device().driver().orElse("no driver");
            state = "not present: no nvidia_vgpu_vfio module and no VF with nvidia/creatable_vgpu_types (the GPUs are on %s)".formatted(driver);
        }
        return List.of(HostRequirement.driver(HOST_DRIVER, addresses, "NVIDIA vGPU on " + String.join(", ", names), module || vendorVfio > 0, state, FIX));
    }
}
