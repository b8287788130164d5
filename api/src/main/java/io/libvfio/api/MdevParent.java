package io.libvfio.api;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A device registered with the mdev core ({@code /sys/class/mdev_bus/<name>}).
 *
 * @param name the entry name under {@code mdev_bus}: a PCI address, or a virtual device such as {@code mbochs}
 * @param pciAddress the parent's PCI address when it is a PCI function
 */
public record MdevParent(String name, Optional<PciAddress> pciAddress, List<MdevType> types)
{
    public MdevParent
    {
        requireNonNull(name, "name is null");
        requireNonNull(pciAddress, "pciAddress is null");
        types = List.copyOf(requireNonNull(types, "types is null"));
    }
}
