package io.libvfio.runtime.vm.config;

import io.libvfio.api.Mechanism;
import io.libvfio.runtime.plan.Policy;
import io.libvfio.runtime.plan.SliceRequest;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An SR-IOV virtual function (LibVF.IO {@code sriovdev}: AMD GIM, Intel SR-IOV, NVIDIA vendor
 * VFIO): a VF type named in {@code acceptableTypes} (any when empty) with a framebuffer in
 * {@code minVRam..maxVRam} ({@code maxVRam} -1: no upper limit).
 */
public record SriovGpu(int index, long minVramMib, long maxVramMib, List<String> acceptableTypes, String devId)
        implements GpuRequest
{
    public SriovGpu
    {
        acceptableTypes = List.copyOf(requireNonNull(acceptableTypes, "acceptableTypes is null"));
        requireNonNull(devId, "devId is null");
    }

    @Override
    public String kindLabel()
    {
        return "sriovdev";
    }

    @Override
    public String describe()
    {
        return "gpus[" + index + "] (sriovdev, " + GpuRequest.sizes(minVramMib, maxVramMib)
                + (acceptableTypes.isEmpty() ? "" : ", type " + String.join(" or ", acceptableTypes)) + ")";
    }

    @Override
    public Optional<SliceRequest> toSliceRequest(Policy policy)
    {
        return Optional.of(new SliceRequest(describe(), EnumSet.of(Mechanism.SRIOV_VF, Mechanism.VENDOR_VFIO),
                Optional.of(GpuRequest.vramRange(minVramMib, maxVramMib)), Optional.empty(), "", acceptableTypes, Optional.empty(), Optional.empty(), policy));
    }
}
