package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.Resolution;
import io.libvfio.api.spi.SysfsValues;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The one-line {@code description} of an NVIDIA mdev type (sysfs-spec §5.1), for example
 * {@code num_heads=4, frl_config=60, framebuffer=2048M, max_resolution=7680x4320, max_instance=12}.
 * Fields are read by key in any order; keys other than the four a type needs are kept in
 * {@link #otherKeys()} (such as {@code frl_config}). A description without one of the four keys,
 * usually one that was cut short, is malformed.
 *
 * @param heads display heads ({@code num_heads})
 * @param framebufferMib guest framebuffer in MiB ({@code framebuffer=<n>M})
 * @param maxResolution highest resolution per head ({@code max_resolution})
 * @param maxInstances instances per physical GPU ({@code max_instance})
 */
record MdevDescription(int heads, long framebufferMib, Resolution maxResolution, int maxInstances, Map<String, String> otherKeys)
{
    private static final List<String> REQUIRED = List.of("num_heads", "framebuffer", "max_resolution", "max_instance");
    private static final Pattern MEBIBYTES = Pattern.compile("([0-9]{1,9})M");

    MdevDescription
    {
        requireNonNull(maxResolution, "maxResolution is null");
        otherKeys = Map.copyOf(requireNonNull(otherKeys, "otherKeys is null"));
    }

    static MdevDescription parse(String path, String text)
    {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.strip().split(",")) {
            String field = part.strip();
            if (field.isEmpty()) {
                continue;
            }
            int equals = field.indexOf('=');
            if (equals <= 0 || equals == field.length() - 1) {
                throw SysfsValues.malformed(path, text, "'%s' is not key=value; the description looks cut short".formatted(field));
            }
            String key = field.substring(0, equals).strip();
            if (fields.putIfAbsent(key, field.substring(equals + 1).strip()) != null) {
                throw SysfsValues.malformed(path, text, "key %s appears twice".formatted(key));
            }
        }
        for (String key : REQUIRED) {
            if (!fields.containsKey(key)) {
                throw SysfsValues.malformed(path, text, "no %s=...; the description looks cut short".formatted(key));
            }
        }
        Map<String, String> others = new LinkedHashMap<>(fields);
        REQUIRED.forEach(others::remove);
        return new MdevDescription(
                SysfsValues.count(path, fields.get("num_heads")),
                framebuffer(path, text, fields.get("framebuffer")),
                resolution(path, text, fields.get("max_resolution")),
                SysfsValues.count(path, fields.get("max_instance")),
                others);
    }

    private static long framebuffer(String path, String text, String value)
    {
        Matcher matcher = MEBIBYTES.matcher(value);
        if (!matcher.matches()) {
            throw SysfsValues.malformed(path, text, "framebuffer=%s is not a size in MiB such as 2048M".formatted(value));
        }
        return Long.parseLong(matcher.group(1));
    }

    private static Resolution resolution(String path, String text, String value)
    {
        try {
            return Resolution.parse(value);
        }
        catch (IllegalArgumentException e) {
            throw SysfsValues.malformed(path, text, "max_resolution=%s is not WIDTHxHEIGHT".formatted(value));
        }
    }
}
