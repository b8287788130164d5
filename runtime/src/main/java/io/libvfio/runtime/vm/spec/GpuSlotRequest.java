package io.libvfio.runtime.vm.spec;

import io.libvfio.runtime.plan.SliceRequest;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One GPU slice a VM asks for, as the lifecycle hands it to a {@link VgpuProvider}: the
 * LibVF.IO request fields, and the QEMU device id ({@code devId}) the VM's raw commands may
 * refer to.
 *
 * @param index the entry's position in the VM file's {@code gpus}, from 0
 * @param kind {@code sriovdev}, {@code sysfsdev} or {@code passthrough}
 */
public record GpuSlotRequest(
        int index,
        String kind,
        long minVramMib,
        long maxVramMib,
        Optional<String> mdevType,
        List<String> acceptableTypes,
        String suffix,
        Optional<String> parentPort,
        Optional<String> bdf,
        String devId,
        Optional<SliceRequest> slice)
{
    public GpuSlotRequest
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(mdevType, "mdevType is null");
        acceptableTypes = List.copyOf(requireNonNull(acceptableTypes, "acceptableTypes is null"));
        requireNonNull(suffix, "suffix is null");
        requireNonNull(parentPort, "parentPort is null");
        requireNonNull(bdf, "bdf is null");
        requireNonNull(devId, "devId is null");
        requireNonNull(slice, "slice is null");
    }

    public String describe()
    {
        String what = mdevType.map(type -> "type " + type)
                .or(() -> bdf.map(address -> "bdf " + address))
                .orElse(minVramMib + "-" + (maxVramMib < 0 ? "any" : Long.toString(maxVramMib)) + " MiB");
        return "gpus[" + index + "] (" + kind + ", " + what + ")";
    }
}
