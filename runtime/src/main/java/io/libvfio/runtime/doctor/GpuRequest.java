package io.libvfio.runtime.doctor;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.runtime.plan.Policy;
import io.libvfio.runtime.plan.SliceRequest;
import io.libvfio.runtime.plan.VramRange;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One entry of a LibVF.IO VM file's {@code gpus} list, as far as doctor needs it: which kind of
 * GPU slice, and the size or type that fits.
 *
 * @param index the entry's position in {@code gpus}, from 0
 * @param kind {@code sriovdev}, {@code sysfsdev} or {@code passthrough}
 * @param minVramMib smallest acceptable framebuffer ({@code minVRam}, MB as LibVF.IO counts them; default 1000)
 * @param maxVramMib largest acceptable framebuffer ({@code maxVRam}; default 2000; -1 = no limit, for sriovdev)
 * @param mdevType an exact mdev type ({@code mdevType}); when set, sizes and suffix are ignored
 * @param acceptableTypes GIM type names a sriovdev may use ({@code acceptableTypes}, e.g. {@code S7150})
 * @param suffix what a sysfsdev type's name must end with ({@code suffix}, e.g. {@code Q})
 * @param parentPort the only mdev parent to look at ({@code parentPort})
 * @param bdf the passthrough GPU's PCI address ({@code bdf})
 */
public record GpuRequest(
        int index,
        Kind kind,
        long minVramMib,
        long maxVramMib,
        Optional<String> mdevType,
        List<String> acceptableTypes,
        String suffix,
        Optional<String> parentPort,
        Optional<String> bdf)
{
    public static final long DEFAULT_MIN_VRAM = 1000;
    public static final long DEFAULT_MAX_VRAM = 2000;

    /** LibVF.IO's {@code gpuType}. */
    public enum Kind
    {
        SRIOVDEV("sriovdev"),
        SYSFSDEV("sysfsdev"),
        PASSTHROUGH("passthrough");

        private final String label;

        Kind(String label)
        {
            this.label = label;
        }

        public String label()
        {
            return label;
        }
    }

    public GpuRequest
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(mdevType, "mdevType is null");
        acceptableTypes = List.copyOf(requireNonNull(acceptableTypes, "acceptableTypes is null"));
        requireNonNull(suffix, "suffix is null");
        requireNonNull(parentPort, "parentPort is null");
        requireNonNull(bdf, "bdf is null");
    }

    /** {@code gpus[0] (sysfsdev, mdevType i915-GVTg_V5_4)}. */
    public String describe()
    {
        String what = switch (kind) {
            case SYSFSDEV -> mdevType.map(type -> "mdevType " + type).orElse(sizes() + (suffix.isEmpty() ? "" : ", name ending in " + suffix));
            case SRIOVDEV -> sizes() + (acceptableTypes.isEmpty() ? "" : ", type " + String.join(" or ", acceptableTypes));
            case PASSTHROUGH -> "bdf " + bdf.orElse("?");
        };
        return "gpus[%d] (%s, %s)".formatted(index, kind.label(), what);
    }

    /**
     * The planner's form of a sysfsdev or sriovdev entry; empty for a passthrough GPU, which is not
     * a slice. A sysfsdev takes mdev types, an sriovdev SR-IOV or vendor-VFIO VFs; an
     * {@code mdevType} is an exact type and makes sizes and suffix irrelevant, as in LibVF.IO.
     */
    public Optional<SliceRequest> toSliceRequest(Policy policy)
    {
        if (kind == Kind.PASSTHROUGH) {
            return Optional.empty();
        }
        EnumSet<Mechanism> mechanisms = kind == Kind.SYSFSDEV ? EnumSet.of(Mechanism.MDEV) : EnumSet.of(Mechanism.SRIOV_VF, Mechanism.VENDOR_VFIO);
        VramRange range = maxVramMib < 0 ? VramRange.atLeast(minVramMib) : VramRange.between(minVramMib, maxVramMib);
        Optional<String> type = kind == Kind.SYSFSDEV ? mdevType : Optional.empty();
        return Optional.of(new SliceRequest(describe(), mechanisms, Optional.of(range), type, kind == Kind.SYSFSDEV ? suffix : "",
                kind == Kind.SRIOVDEV ? acceptableTypes : List.of(), kind == Kind.SYSFSDEV ? parentPort.map(PciAddress::parse) : Optional.empty(),
                Optional.empty(), policy));
    }

    String sizes()
    {
        return maxVramMib < 0 ? "at least %d MiB".formatted(minVramMib) : "%d-%d MiB".formatted(minVramMib, maxVramMib);
    }
}
