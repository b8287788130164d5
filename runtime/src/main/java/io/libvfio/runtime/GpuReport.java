package io.libvfio.runtime;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciDevice;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One physical GPU, merged from discovery and every backend's view: who serves it, how it can
 * be shared, and, when it cannot, why.
 *
 * @param companions the other functions of the GPU's slot (HDMI audio, USB-C, ...)
 * @param backend the backend that serves it, when one does
 * @param mechanisms every way it can reach a VM, whole-GPU passthrough included
 * @param reasons why it cannot be shared, or what limits it
 */
public record GpuReport(
        PciDevice device,
        List<PciDevice> companions,
        String model,
        Optional<String> backend,
        List<Mechanism> mechanisms,
        Verdict verdict,
        List<String> reasons,
        Map<String, String> properties)
{
    public GpuReport
    {
        requireNonNull(device, "device is null");
        companions = List.copyOf(requireNonNull(companions, "companions is null"));
        requireNonNull(model, "model is null");
        requireNonNull(backend, "backend is null");
        mechanisms = List.copyOf(requireNonNull(mechanisms, "mechanisms is null"));
        requireNonNull(verdict, "verdict is null");
        reasons = List.copyOf(requireNonNull(reasons, "reasons is null"));
        properties = Map.copyOf(requireNonNull(properties, "properties is null"));
    }
}
