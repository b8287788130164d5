package io.libvfio.runtime.vm.config;

import io.libvfio.api.PciAddress;
import io.libvfio.runtime.plan.Policy;
import io.libvfio.runtime.plan.SliceRequest;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A whole GPU passed through by PCI address (LibVF.IO {@code passthrough} with its {@code bdf}). */
public record PassthroughGpu(int index, PciAddress address, String devId)
        implements GpuRequest
{
    public PassthroughGpu
    {
        requireNonNull(address, "address is null");
        requireNonNull(devId, "devId is null");
    }

    @Override
    public String kindLabel()
    {
        return "passthrough";
    }

    @Override
    public String describe()
    {
        return "gpus[" + index + "] (passthrough, bdf " + address + ")";
    }

    @Override
    public Optional<SliceRequest> toSliceRequest(Policy policy)
    {
        return Optional.empty();
    }
}
