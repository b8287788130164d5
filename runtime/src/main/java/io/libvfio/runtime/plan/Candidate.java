package io.libvfio.runtime.plan;

import io.libvfio.api.PciAddress;
import io.libvfio.api.VgpuType;

import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * One vGPU type on one GPU, as a place a slice could come from.
 *
 * @param gpu the physical GPU's address (the type's parent)
 * @param model the GPU's name, for messages
 * @param numaNode the GPU's NUMA node; empty when the kernel reports none
 */
public record Candidate(PciAddress gpu, String model, OptionalInt numaNode, VgpuType type)
{
    public Candidate
    {
        requireNonNull(gpu, "gpu is null");
        requireNonNull(model, "model is null");
        requireNonNull(numaNode, "numaNode is null");
        requireNonNull(type, "type is null");
    }

    /** {@code 1148 NVIDIA L40S-2Q on 0000:3b:00.0}. */
    public String describe()
    {
        return label() + " on " + gpu;
    }

    /** The type's id, and its name where the id does not already say it. */
    public String label()
    {
        return type.id().contains(type.name()) ? type.id() : type.id() + " " + type.name();
    }

    public String numaLabel()
    {
        return numaNode.isPresent() ? Integer.toString(numaNode.getAsInt()) : "-";
    }
}
