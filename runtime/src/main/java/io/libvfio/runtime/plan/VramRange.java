package io.libvfio.runtime.plan;

import io.libvfio.api.ErrorCode;
import io.libvfio.api.VfioException;

import java.util.Locale;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * An acceptable framebuffer size, in MiB: at least {@code minMib}, and at most {@code maxMib}
 * when there is an upper limit.
 */
public record VramRange(long minMib, OptionalLong maxMib)
{
    private static final long MAX_MIB = 1L << 40;

    public VramRange
    {
        requireNonNull(maxMib, "maxMib is null");
        if (minMib < 0 || maxMib.isPresent() && maxMib.getAsLong() < minMib) {
            throw new IllegalArgumentException("not a range: %d-%s MiB".formatted(minMib, maxMib));
        }
    }

    public static VramRange between(long minMib, long maxMib)
    {
        return new VramRange(minMib, OptionalLong.of(maxMib));
    }

    public static VramRange atLeast(long minMib)
    {
        return new VramRange(minMib, OptionalLong.empty());
    }

    /**
     * Parses {@code MIN[:MAX]}, each a size such as {@code 2048}, {@code 2048M}, {@code 2G} or
     * {@code 1.5GiB} (no unit: MiB); {@code MIN} alone has no upper limit. A bad value is a
     * {@link VfioException} with {@code code}, its message starting with {@code where}.
     */
    public static VramRange parse(String text, String where, ErrorCode code)
    {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return atLeast(size(text, text, where, code));
        }
        long min = size(text.substring(0, colon), text, where, code);
        long max = size(text.substring(colon + 1), text, where, code);
        if (min > max) {
            throw new VfioException(code, "%s '%s': the minimum %d MiB is above the maximum %d MiB".formatted(where, text, min, max));
        }
        return between(min, max);
    }

    /** A size with an optional unit (M, MB, MiB, G, GB, GiB; none means MiB), in MiB; LibVF.IO's MB are MiB. */
    public static long size(String value, String whole, String where, ErrorCode code)
    {
        String text = value.trim().toLowerCase(Locale.ROOT);
        int unit = 0;
        while (unit < text.length() && (Character.isDigit(text.charAt(unit)) || text.charAt(unit) == '.')) {
            unit++;
        }
        String number = text.substring(0, unit);
        long factor = switch (text.substring(unit).trim()) {
            case "", "m", "mb", "mib" -> 1;
            case "g", "gb", "gib" -> 1024;
            case "t", "tb", "tib" -> 1024 * 1024;
            default -> -1;
        };
        double amount;
        try {
            amount = factor < 0 || number.isEmpty() ? -1 : Double.parseDouble(number);
        }
        catch (NumberFormatException e) {
            amount = -1;
        }
        double mib = amount * factor;
        if (amount < 0 || mib != Math.rint(mib) || mib > MAX_MIB) {
            throw new VfioException(code, "%s '%s': '%s' is not a size such as 2048, 2048M or 2G (a whole number of MiB)".formatted(where, whole, value));
        }
        return (long) mib;
    }

    public boolean contains(long mib)
    {
        return mib >= minMib && (maxMib.isEmpty() || mib <= maxMib.getAsLong());
    }

    /** How far {@code mib} lies outside the range: 0 inside it. */
    public long distance(long mib)
    {
        if (mib < minMib) {
            return minMib - mib;
        }
        return maxMib.isPresent() && mib > maxMib.getAsLong() ? mib - maxMib.getAsLong() : 0;
    }

    /** {@code 2048-4096 MiB}, or {@code at least 2048 MiB}. */
    public String describe()
    {
        return maxMib.isPresent() ? "%d-%d MiB".formatted(minMib, maxMib.getAsLong()) : "at least %d MiB".formatted(minMib);
    }
}
