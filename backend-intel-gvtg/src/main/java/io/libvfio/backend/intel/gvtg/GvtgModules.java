package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.SysfsValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * The module state GVT-g depends on (sysfs-spec §3): {@code i915.enable_gvt} must be on, GuC
 * submission off, and {@code kvmgt} loaded before i915 registers its mdev types. The i915
 * parameters are readable by root only; an unreadable one is {@link GvtSwitch#UNKNOWN} with a
 * problem, not an error.
 *
 * @param enableGuc {@code i915.enable_guc} when readable ({@code -1} auto, bit 0 = GuC submission)
 */
record GvtgModules(GvtSwitch enableGvt, boolean kvmgtLoaded, OptionalInt enableGuc, List<String> problems)
{
    static final String ENABLE_GVT = "/sys/module/i915/parameters/enable_gvt";
    static final String ENABLE_GUC = "/sys/module/i915/parameters/enable_guc";
    static final String KVMGT = "/sys/module/kvmgt";

    GvtgModules
    {
        requireNonNull(enableGvt, "enableGvt is null");
        requireNonNull(enableGuc, "enableGuc is null");
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
    }

    static GvtgModules read(HostFs fs)
    {
        List<String> problems = new ArrayList<>();
        GvtSwitch gvt = GvtSwitch.NOT_BUILT;
        if (fs.exists(ENABLE_GVT)) {
            Optional<String> value = read(fs, ENABLE_GVT, problems);
            gvt = value.map(text -> switch (text) {
                case "Y", "1" -> GvtSwitch.ON;
                case "N", "0" -> GvtSwitch.OFF;
                default -> {
                    problems.add(SysfsValues.malformed(ENABLE_GVT, text, "expected Y or N").getMessage());
                    yield GvtSwitch.UNKNOWN;
                }
            }).orElse(GvtSwitch.UNKNOWN);
        }
        OptionalInt guc = OptionalInt.empty();
        if (fs.exists(ENABLE_GUC)) {
            Optional<String> value = read(fs, ENABLE_GUC, problems);
            if (value.isPresent() && value.get().matches("-?[0-9]{1,9}")) {
                guc = OptionalInt.of(Integer.parseInt(value.get()));
            }
            else if (value.isPresent()) {
                problems.add(SysfsValues.malformed(ENABLE_GUC, value.get(), "expected a number such as -1 or 0").getMessage());
            }
        }
        return new GvtgModules(gvt, fs.exists(KVMGT), guc, problems);
    }

    /** GuC submission is on: i915 then refuses GVT-g. */
    boolean gucSubmission()
    {
        return enableGuc.isPresent() && enableGuc.getAsInt() > 0 && (enableGuc.getAsInt() & 1) == 1;
    }

    private static Optional<String> read(HostFs fs, String path, List<String> problems)
    {
        try {
            return fs.read(path);
        }
        catch (VfioException e) {
            problems.add(e.getMessage() + " (run as root to read i915 parameters)");
            return Optional.empty();
        }
    }
}
