package io.libvfio.runtime.plan;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * What one GPU slice must be, in libvfio's own terms. A LibVF.IO {@code gpus} entry maps onto it
 * ({@code minVRam}/{@code maxVRam} to {@link #vram}, {@code mdevType} to {@link #typeId} with
 * mechanism mdev, {@code suffix}, {@code parentPort}, {@code acceptableTypes}); so do the
 * command line's {@code --vram}, {@code --type}, {@code --gpu} and {@code --policy}.
 *
 * @param label how messages name the request: {@code gpus[0] (sysfsdev, 1000-2000 MiB)}, {@code --vram 2G:4G}
 * @param mechanisms the ways the slice may reach the VM
 * @param vram the acceptable framebuffer; ignored when {@link #typeId} is set (as LibVF.IO ignores sizes with an mdevType)
 * @param typeId an exact type id ({@code nvidia-257}, {@code 1148}, {@code i915-GVTg_V5_4})
 * @param suffix what the type's name must end with ({@code Q}); empty for any
 * @param acceptableTypes type names or ids that may be used ({@code S7150}); empty for any
 * @param parentPort the only mdev parent (GPU) to look at
 * @param gpu the only GPU to look at ({@code --gpu})
 */
public record SliceRequest(
        String label,
        Set<Mechanism> mechanisms,
        Optional<VramRange> vram,
        Optional<String> typeId,
        String suffix,
        List<String> acceptableTypes,
        Optional<PciAddress> parentPort,
        Optional<PciAddress> gpu,
        Policy policy)
{
    /** Type ids and names reach messages and, through a backend, sysfs paths: printable, no separators. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.+:@-]{0,127}");
    private static final Set<Mechanism> SLICES = EnumSet.of(Mechanism.MDEV, Mechanism.SRIOV_VF, Mechanism.VENDOR_VFIO);

    public SliceRequest
    {
        requireNonNull(label, "label is null");
        mechanisms = Set.copyOf(requireNonNull(mechanisms, "mechanisms is null"));
        requireNonNull(vram, "vram is null");
        requireNonNull(typeId, "typeId is null");
        requireNonNull(suffix, "suffix is null");
        acceptableTypes = List.copyOf(requireNonNull(acceptableTypes, "acceptableTypes is null"));
        requireNonNull(parentPort, "parentPort is null");
        requireNonNull(gpu, "gpu is null");
        requireNonNull(policy, "policy is null");
        if (mechanisms.isEmpty() || mechanisms.contains(Mechanism.PASSTHROUGH)) {
            throw new IllegalArgumentException("a slice request needs slice mechanisms, not " + mechanisms);
        }
        if (vram.isEmpty() && typeId.isEmpty()) {
            throw new IllegalArgumentException("a slice request needs a size or a type");
        }
    }

    /** Every mechanism that gives a VM part of a GPU: mdev, SR-IOV VF and vendor VFIO. */
    public static Set<Mechanism> sliceMechanisms()
    {
        return SLICES;
    }

    /** {@code libvfio plan --vram MIN[:MAX]}. */
    public static SliceRequest ofVram(VramRange vram, Optional<PciAddress> gpu, Policy policy)
    {
        return new SliceRequest("--vram " + vram.describe(), SLICES, Optional.of(vram), Optional.empty(), "", List.of(), Optional.empty(), gpu, policy);
    }

    /** {@code libvfio plan --type ID}; the id is checked before it goes anywhere. */
    public static SliceRequest ofType(String typeId, Optional<PciAddress> gpu, Policy policy)
    {
        checkName("--type", typeId, StandardErrorCode.INVALID_ARGUMENT);
        return new SliceRequest("--type " + typeId, SLICES, Optional.empty(), Optional.of(typeId), "", List.of(), Optional.empty(), gpu, policy);
    }

    /** This request, restricted to one GPU and with a policy (what the command line adds to a VM file's entries). */
    public SliceRequest with(Optional<PciAddress> onlyGpu, Policy newPolicy)
    {
        return new SliceRequest(label, mechanisms, vram, typeId, suffix, acceptableTypes, parentPort, onlyGpu.isPresent() ? onlyGpu : gpu, newPolicy);
    }

    /** Refuses a type id, name or suffix that is empty, too long, or holds a path separator or control character. */
    public static String checkName(String where, String value, io.libvfio.api.ErrorCode code)
    {
        if (!NAME.matcher(value).matches()) {
            throw new VfioException(code, "%s '%s' is not a vGPU type name (letters, digits and _ . + : @ - only, at most 128)".formatted(where, value));
        }
        return value;
    }

    /** The request's conditions in words: {@code 1000-2000 MiB, name ending in Q, on 0000:01:00.0}. */
    public String conditions()
    {
        List<String> parts = new ArrayList<>();
        typeId.ifPresentOrElse(id -> parts.add("type " + id), () -> vram.ifPresent(range -> parts.add(range.describe())));
        if (!suffix.isEmpty() && typeId.isEmpty()) {
            parts.add("name ending in " + suffix);
        }
        if (!acceptableTypes.isEmpty()) {
            parts.add("type " + String.join(" or ", acceptableTypes));
        }
        parentPort.ifPresent(port -> parts.add("parentPort " + port));
        gpu.ifPresent(address -> parts.add("on " + address));
        return String.join(", ", parts);
    }
}
