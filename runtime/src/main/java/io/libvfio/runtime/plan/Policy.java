package io.libvfio.runtime.plan;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.util.Locale;

/**
 * How equally good slices on different GPUs are chosen between: {@link #SPREAD} takes the GPU whose
 * NUMA node (then the GPU itself) has the most free capacity, {@link #PACK} the least, so that
 * whole GPUs stay free.
 */
public enum Policy
{
    SPREAD,
    PACK;

    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code pack} or {@code spread}; anything else is a usage error naming {@code option}. */
    public static Policy parse(String option, String text)
    {
        for (Policy policy : values()) {
            if (policy.label().equals(text)) {
                return policy;
            }
        }
        throw new VfioException(StandardErrorCode.INVALID_ARGUMENT, "%s '%s': expected pack or spread".formatted(option, text));
    }
}
