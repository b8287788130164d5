package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.Resolution;
import io.libvfio.api.spi.SysfsValues;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The five-line {@code description} of a GVT-g mdev type (sysfs-spec §3):
 * <pre>
 * low_gm_size: 128MB
 * high_gm_size: 512MB
 * fence: 4
 * resolution: 1920x1200
 * weight: 4
 * </pre>
 * Lines are read by key in any order; unknown keys are tolerated. A description missing one of
 * the five keys (cut short) is malformed.
 *
 * @param lowGmMib graphics memory in the CPU-visible aperture, MiB
 * @param highGmMib graphics memory above the aperture, MiB
 * @param fences fence registers
 * @param resolution the virtual display's resolution
 * @param weight the vGPU's share of the GPU scheduler (16 is the whole GPU)
 */
record GvtgDescription(long lowGmMib, long highGmMib, int fences, Resolution resolution, int weight)
{
    private static final List<String> REQUIRED = List.of("low_gm_size", "high_gm_size", "fence", "resolution", "weight");
    private static final Pattern MEGABYTES = Pattern.compile("([0-9]{1,9})MB");

    GvtgDescription
    {
        requireNonNull(resolution, "resolution is null");
    }

    static GvtgDescription parse(String path, String text)
    {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw SysfsValues.malformed(path, text, "line '%s' is not 'key: value'".formatted(line.strip()));
            }
            String key = line.substring(0, colon).strip();
            if (fields.putIfAbsent(key, line.substring(colon + 1).strip()) != null) {
                throw SysfsValues.malformed(path, text, "key %s appears twice".formatted(key));
            }
        }
        for (String key : REQUIRED) {
            if (!fields.containsKey(key) || fields.get(key).isEmpty()) {
                throw SysfsValues.malformed(path, text, "no %s line; the description looks cut short".formatted(key));
            }
        }
        return new GvtgDescription(
                megabytes(path, text, "low_gm_size", fields.get("low_gm_size")),
                megabytes(path, text, "high_gm_size", fields.get("high_gm_size")),
                number(path, text, "fence", fields.get("fence")),
                resolution(path, text, fields.get("resolution")),
                number(path, text, "weight", fields.get("weight")));
    }

    /** The graphics memory a guest gets: aperture plus high memory. */
    long graphicsMemoryMib()
    {
        return lowGmMib + highGmMib;
    }

    private static long megabytes(String path, String text, String key, String value)
    {
        Matcher matcher = MEGABYTES.matcher(value);
        if (!matcher.matches()) {
            throw SysfsValues.malformed(path, text, "%s: %s is not a size such as 128MB".formatted(key, value));
        }
        return Long.parseLong(matcher.group(1));
    }

    private static int number(String path, String text, String key, String value)
    {
        if (value.length() > 9 || !value.chars().allMatch(character -> character >= '0' && character <= '9')) {
            throw SysfsValues.malformed(path, text, "%s: %s is not a number".formatted(key, value));
        }
        return Integer.parseInt(value);
    }

    private static Resolution resolution(String path, String text, String value)
    {
        try {
            return Resolution.parse(value);
        }
        catch (IllegalArgumentException e) {
            throw SysfsValues.malformed(path, text, "resolution: %s is not WIDTHxHEIGHT".formatted(value));
        }
    }
}
