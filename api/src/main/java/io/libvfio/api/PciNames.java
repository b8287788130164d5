package io.libvfio.api;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Human names for a PCI function, from the host's pci.ids database. */
public record PciNames(Optional<String> vendor, Optional<String> device)
{
    private static final PciNames NONE = new PciNames(Optional.empty(), Optional.empty());

    public PciNames
    {
        requireNonNull(vendor, "vendor is null");
        requireNonNull(device, "device is null");
    }

    public static PciNames none()
    {
        return NONE;
    }
}
