package io.libvfio.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * A physical GPU as one backend sees it.
 *
 * @param model the product name, from pci.ids or the backend's own knowledge
 * @param mechanisms the ways this backend can share the GPU now; empty when it cannot
 * @param limitation why the GPU cannot be shared (or only partly), in words a user can act on
 * @param properties vendor facts, such as the driver mode, in key order
 */
public record Gpu(
        PciDevice device,
        String model,
        List<Mechanism> mechanisms,
        Optional<String> limitation,
        Map<String, String> properties)
{
    public Gpu
    {
        requireNonNull(device, "device is null");
        requireNonNull(model, "model is null");
        mechanisms = List.copyOf(requireNonNull(mechanisms, "mechanisms is null"));
        requireNonNull(limitation, "limitation is null");
        properties = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(properties, "properties is null")));
    }

    public PciAddress address()
    {
        return device.address();
    }

    public boolean isShareable()
    {
        return !mechanisms.isEmpty();
    }
}
