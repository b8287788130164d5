package io.libvfio.backend.nvidia.gvm.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Checks the entries of a profile and builds their {@link GvmTypeDefinition}s: required keys
 * present, every number in the range the tools' own types allow, one definition per type number.
 * Missing optional keys take the defaults of the original tools (libvfio-original §7.1, §7.2).
 */
final class TypeDefinitionBinder
{
    private static final long U32 = 0xFFFF_FFFFL;

    private final String file;
    private final GvmProfile.Format format;

    TypeDefinitionBinder(String file, GvmProfile.Format format)
    {
        this.file = file;
        this.format = format;
    }

    List<GvmTypeDefinition> bind(List<ProfileEntry> entries)
    {
        List<GvmTypeDefinition> types = new ArrayList<>();
        Map<Long, Integer> seen = new HashMap<>();
        for (ProfileEntry entry : entries) {
            GvmTypeDefinition type = bind(entry);
            Integer first = seen.putIfAbsent(type.num(), entry.line());
            if (first != null) {
                ProfileValue num = entry.value(ProfileField.NUM).orElseThrow();
                throw ProfileError.of(file, num, "type nvidia-%d is already defined on line %d".formatted(type.num(), first));
            }
            types.add(type);
        }
        return types;
    }

    private GvmTypeDefinition bind(ProfileEntry entry)
    {
        boolean yaml = format == GvmProfile.Format.MDEV_GPU_YAML;
        long num = required(entry, ProfileField.NUM, 1, U32);
        long maxInstances = required(entry, ProfileField.MAX_INSTANCES, 1, U32);
        long fbLen = required(entry, ProfileField.FB_LEN, 1, U32);
        long fbRes = required(entry, ProfileField.FB_RES, 0, U32);
        return new GvmTypeDefinition(num,
                text(entry, ProfileField.NAME, yaml ? "Arc GPU" : "GVM GPU"),
                text(entry, ProfileField.GPU_CLASS, "Compute"),
                maxInstances, fbLen, fbRes,
                number(entry, ProfileField.MAP_VIDEO_SIZE, 24, 0, U32),
                optional(entry, ProfileField.V_DEV_ID, U32),
                optional(entry, ProfileField.P_DEV_ID, U32),
                flag(entry, ProfileField.ECC),
                flag(entry, ProfileField.MULTI_MDEV),
                number(entry, ProfileField.ENC_CAP, 100, 0, 100),
                number(entry, ProfileField.BAR1_LEN, 0x100, 0, U32),
                number(entry, ProfileField.NUM_HEADS, 1, 1, 16),
                number(entry, ProfileField.MAX_RES_X, 1024, 1, 65_535),
                number(entry, ProfileField.MAX_RES_Y, 1024, 1, 65_535),
                number(entry, ProfileField.FRL_CONFIG, 120, 0, 1000),
                number(entry, ProfileField.FRL_ENABLE, 0, 0, 1) == 1,
                entry.line());
    }

    private long required(ProfileEntry entry, ProfileField field, long minimum, long maximum)
    {
        if (entry.value(field).isEmpty()) {
            String key = format == GvmProfile.Format.MDEV_GPU_YAML ? field.yamlKey() : field.tomlKey();
            throw ProfileError.at(file, entry.line(), "%s: required key missing from this type definition".formatted(key));
        }
        return number(entry, field, 0, minimum, maximum);
    }

    private long number(ProfileEntry entry, ProfileField field, long fallback, long minimum, long maximum)
    {
        if (entry.value(field).isEmpty()) {
            return fallback;
        }
        ProfileValue value = entry.value(field).get();
        long number = parse(value);
        if (number < minimum || number > maximum) {
            throw ProfileError.of(file, value, "must be between %d and %d".formatted(minimum, maximum));
        }
        return number;
    }

    private OptionalLong optional(ProfileEntry entry, ProfileField field, long maximum)
    {
        return entry.value(field).isEmpty() ? OptionalLong.empty() : OptionalLong.of(number(entry, field, 0, 0, maximum));
    }

    /** A decimal or {@code 0x} hexadecimal integer, written without quotes. */
    private long parse(ProfileValue value)
    {
        String text = value.text().replace("_", "");
        boolean hex = text.startsWith("0x") || text.startsWith("0X");
        String digits = hex ? text.substring(2) : text;
        boolean valid = !value.quoted() && !digits.isEmpty() && digits.length() <= (hex ? 16 : 18);
        for (int index = 0; valid && index < digits.length(); index++) {
            valid = Character.digit(digits.charAt(index), hex ? 16 : 10) >= 0;
        }
        if (!valid) {
            throw ProfileError.of(file, value, "expected a whole number (decimal, or hexadecimal with 0x)");
        }
        return Long.parseUnsignedLong(digits, hex ? 16 : 10);
    }

    private String text(ProfileEntry entry, ProfileField field, String fallback)
    {
        if (entry.value(field).isEmpty()) {
            return fallback;
        }
        ProfileValue value = entry.value(field).get();
        if (value.text().isBlank() || value.text().indexOf('\n') >= 0 || value.text().length() > 128) {
            throw ProfileError.of(file, value, "expected one line of text, at most 128 characters");
        }
        return value.text();
    }

    private boolean flag(ProfileEntry entry, ProfileField field)
    {
        if (entry.value(field).isEmpty()) {
            return false;
        }
        ProfileValue value = entry.value(field).get();
        return switch (value.quoted() ? "" : value.text().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw ProfileError.of(file, value, "expected true or false");
        };
    }
}
