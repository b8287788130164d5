package io.libvfio.api;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** An IOMMU group: the unit VFIO hands to a VM. */
public record IommuGroup(int id, List<PciAddress> devices)
{
    public IommuGroup
    {
        devices = List.copyOf(requireNonNull(devices, "devices is null"));
    }
}
