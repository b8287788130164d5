package io.libvfio.runtime.vm.config;

import io.libvfio.runtime.plan.Policy;
import io.libvfio.runtime.plan.SliceRequest;
import io.libvfio.runtime.plan.VramRange;

import java.util.Optional;

/**
 * One entry of a VM file's {@code gpus} list: which kind of GPU slice the VM wants and what fits.
 * LibVF.IO's {@code gpuType} names the kinds {@code sysfsdev} ({@link MdevGpu}), {@code sriovdev}
 * ({@link SriovGpu}) and {@code passthrough} ({@link PassthroughGpu}).
 */
public sealed interface GpuRequest
        permits MdevGpu, SriovGpu, PassthroughGpu
{
    /** LibVF.IO's default {@code minVRam}, in MiB. */
    long DEFAULT_MIN_VRAM = 1000;
    /** LibVF.IO's default {@code maxVRam}, in MiB. */
    long DEFAULT_MAX_VRAM = 2000;
    /** {@code maxVRam} for "no upper limit" (sriovdev only, as in LibVF.IO). */
    long NO_LIMIT = -1;

    /** The entry's position in {@code gpus}, from 0. */
    int index();

    /** QEMU's device {@code id=} for it, so that {@code commands} can {@code -set device.ID.*}; {@code hostdevN} by default. */
    String devId();

    /** {@code sysfsdev}, {@code sriovdev} or {@code passthrough}: LibVF.IO's name for the kind. */
    String kindLabel();

    /** {@code gpus[0] (sysfsdev, mdevType i915-GVTg_V5_4)}. */
    String describe();

    /**
     * The planner's form of this entry; empty for a passthrough GPU, which is not a slice. An
     * {@code mdevType} is an exact type and makes sizes and suffix irrelevant, as in LibVF.IO.
     */
    Optional<SliceRequest> toSliceRequest(Policy policy);

    static VramRange vramRange(long minVramMib, long maxVramMib)
    {
        return maxVramMib < 0 ? VramRange.atLeast(minVramMib) : VramRange.between(minVramMib, maxVramMib);
    }

    static String defaultDevId(int index)
    {
        return "hostdev" + index;
    }

    static String sizes(long minVramMib, long maxVramMib)
    {
        return maxVramMib < 0 ? "at least " + minVramMib + " MiB" : minVramMib + "-" + maxVramMib + " MiB";
    }
}
