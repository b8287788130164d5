package io.libvfio.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * A physical GPU as one backend sees it: a PCI device, or (for a plug-in backend such as the
 * kernel's sample drivers) a named device that is not on the PCI bus.
 *
 * @param id its PCI address, or its device name
 * @param pciDevice the PCI function, empty for a GPU that is not a PCI device
 * @param model the product name, from pci.ids or the backend's own knowledge
 * @param mechanisms the ways this backend can share the GPU now; empty when it cannot
 * @param limitation why the GPU cannot be shared (or only partly), in words a user can act on
 * @param properties vendor facts, such as the driver mode, in key order
 */
public record Gpu(
        GpuId id,
        Optional<PciDevice> pciDevice,
        String model,
        List<Mechanism> mechanisms,
        Optional<String> limitation,
        Map<String, String> properties)
{
    public Gpu
    {
        requireNonNull(id, "id is null");
        requireNonNull(pciDevice, "pciDevice is null");
        if (pciDevice.isPresent() ? !id.is(pciDevice.get().address()) : id.isPci()) {
            throw new IllegalArgumentException("GPU id " + id + " does not match its PCI device " + pciDevice.map(PciDevice::address));
        }
        requireNonNull(model, "model is null");
        mechanisms = List.copyOf(requireNonNull(mechanisms, "mechanisms is null"));
        requireNonNull(limitation, "limitation is null");
        properties = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(properties, "properties is null")));
    }

    /** A GPU on the PCI bus. */
    public Gpu(PciDevice device, String model, List<Mechanism> mechanisms, Optional<String> limitation, Map<String, String> properties)
    {
        this(GpuId.of(device.address()), Optional.of(device), model, mechanisms, limitation, properties);
    }

    public boolean isPci()
    {
        return pciDevice.isPresent();
    }

    /**
     * The PCI function.
     *
     * @throws IllegalStateException for a GPU that is not a PCI device (check {@link #isPci()})
     */
    public PciDevice device()
    {
        // No lambda: this runs for every GPU at start-up, and a lambda's first link costs a cold JVM tens of ms.
        if (pciDevice.isEmpty()) {
            throw new IllegalStateException("GPU " + id + " is not a PCI device");
        }
        return pciDevice.get();
    }

    /**
     * The PCI address.
     *
     * @throws IllegalStateException for a GPU that is not a PCI device (check {@link #isPci()})
     */
    public PciAddress address()
    {
        return device().address();
    }

    public boolean isShareable()
    {
        return !mechanisms.isEmpty();
    }
}
