package io.libvfio.runtime.vgpu;

import io.libvfio.api.Gpu;
import io.libvfio.api.GpuId;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.registry.BackendStatus;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Which backend offers a type on a GPU: the GPU's serving backend first, then every other active
 * backend that can take the GPU (the runtime's passthrough last, by priority).
 */
final class TypeOffers
{
    private final VfioRuntime runtime;

    TypeOffers(VfioRuntime runtime)
    {
        this.runtime = requireNonNull(runtime, "runtime is null");
    }

    /** A type and the backend that offers it. */
    record Offer(BackendProvider provider, VgpuType type)
    {
    }

    Offer find(GpuReport gpu, String typeId)
    {
        List<String> known = new ArrayList<>();
        for (BackendStatus status : candidates(gpu)) {
            for (VgpuType type : status.backend().get().listTypes(GpuId.of(gpu.device().address()))) {
                if (type.id().equals(typeId)) {
                    return new Offer(status.provider(), type);
                }
                known.add(type.id());
            }
        }
        throw new VfioException(StandardErrorCode.TYPE_NOT_FOUND, "GPU %s has no vGPU type '%s'; %s (see 'libvfio types %s')".formatted(
                gpu.device().address(), typeId, known.isEmpty() ? "it offers none" : "its types: " + String.join(", ", known), gpu.device().address()));
    }

    private List<BackendStatus> candidates(GpuReport gpu)
    {
        List<BackendStatus> candidates = new ArrayList<>();
        for (BackendStatus status : runtime.backends()) {
            if (status.backend().isPresent() && gpu.backend().filter(status.name()::equals).isPresent()) {
                candidates.add(status);
            }
        }
        for (BackendStatus status : runtime.backends()) {
            if (status.backend().isPresent() && !candidates.contains(status) && takes(status, gpu)) {
                candidates.add(status);
            }
        }
        return candidates;
    }

    private static boolean takes(BackendStatus status, GpuReport gpu)
    {
        for (Gpu view : status.gpus()) {
            if (view.address().equals(gpu.device().address()) && view.isShareable()) {
                return true;
            }
        }
        return false;
    }
}
