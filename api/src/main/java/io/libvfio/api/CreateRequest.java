package io.libvfio.api;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Asks a backend for one virtual GPU of a type on a parent GPU.
 *
 * @param instanceId the UUID to use for an mdev, when the caller chose one
 */
public record CreateRequest(GpuId parent, String typeId, Optional<String> instanceId)
{
    public CreateRequest
    {
        requireNonNull(parent, "parent is null");
        requireNonNull(typeId, "typeId is null");
        requireNonNull(instanceId, "instanceId is null");
    }

    /** A request on a PCI GPU. */
    public CreateRequest(PciAddress parent, String typeId, Optional<String> instanceId)
    {
        this(GpuId.of(parent), typeId, instanceId);
    }
}
