package io.libvfio.api;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * A kind of virtual GPU a physical GPU can provide.
 *
 * @param id what {@code create} takes: the mdev type directory ({@code nvidia-256}), the NVIDIA
 *        vGPU type number ({@code 1148}), or a backend-defined profile name
 * @param name the human name ({@code GRID RTX6000-2Q})
 * @param parent the GPU that provides it
 * @param framebufferMib video memory per instance, in MiB
 * @param heads display heads
 * @param maxResolution the largest resolution per head, when known
 * @param maxInstances how many instances fit on an empty GPU
 * @param availableInstances how many can still be created now
 * @param properties vendor facts (frl_config, weight, fence, ...) in key order
 */
public record VgpuType(
        String id,
        String name,
        GpuId parent,
        Mechanism mechanism,
        long framebufferMib,
        int heads,
        Optional<Resolution> maxResolution,
        int maxInstances,
        int availableInstances,
        Map<String, String> properties)
{
    public VgpuType
    {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(parent, "parent is null");
        requireNonNull(mechanism, "mechanism is null");
        requireNonNull(maxResolution, "maxResolution is null");
        properties = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(properties, "properties is null")));
        if (framebufferMib < 0 || heads < 0 || maxInstances < 0 || availableInstances < 0) {
            throw new IllegalArgumentException("negative size or count in vGPU type " + id);
        }
    }

    /** A type of a PCI GPU. */
    public VgpuType(String id, String name, PciAddress parent, Mechanism mechanism, long framebufferMib, int heads,
            Optional<Resolution> maxResolution, int maxInstances, int availableInstances, Map<String, String> properties)
    {
        this(id, name, GpuId.of(parent), mechanism, framebufferMib, heads, maxResolution, maxInstances, availableInstances, properties);
    }
}
