package io.libvfio.runtime.vm.config;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.runtime.plan.Policy;
import io.libvfio.runtime.plan.SliceRequest;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A device QEMU takes by its sysfs path (LibVF.IO {@code sysfsdev}: an mdev of NVIDIA vGPU/GVM or
 * Intel GVT-g, or an NVIDIA vGPU 17+ vendor-VFIO VF): an exact
 * {@code mdevType}, or else any type whose framebuffer lies in {@code minVRam..maxVRam} and whose
 * name ends in {@code suffix}; only on {@code parentPort} when given.
 */
public record MdevGpu(int index, long minVramMib, long maxVramMib, String suffix, Optional<String> mdevType, Optional<PciAddress> parentPort, String devId)
        implements GpuRequest
{
    public MdevGpu
    {
        requireNonNull(suffix, "suffix is null");
        requireNonNull(mdevType, "mdevType is null");
        requireNonNull(parentPort, "parentPort is null");
        requireNonNull(devId, "devId is null");
    }

    @Override
    public String kindLabel()
    {
        return "sysfsdev";
    }

    @Override
    public String describe()
    {
        String what = mdevType.map(type -> "mdevType " + type)
                .orElse(GpuRequest.sizes(minVramMib, maxVramMib) + (suffix.isEmpty() ? "" : ", name ending in " + suffix));
        return "gpus[" + index + "] (sysfsdev, " + what + ")";
    }

    @Override
    public Optional<SliceRequest> toSliceRequest(Policy policy)
    {
        return Optional.of(new SliceRequest(describe(), EnumSet.of(Mechanism.MDEV, Mechanism.VENDOR_VFIO), Optional.of(GpuRequest.vramRange(minVramMib, maxVramMib)), mdevType,
                suffix, List.of(), parentPort, Optional.empty(), policy));
    }
}
