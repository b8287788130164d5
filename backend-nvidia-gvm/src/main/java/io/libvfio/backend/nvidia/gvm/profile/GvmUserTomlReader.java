package io.libvfio.backend.nvidia.gvm.profile;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GVM-user's {@code generate-vgpu-types.toml} (libvfio-original §7.2): {@code [[config]]} with
 * {@code [[config.gpu_config]]} filters and {@code [[config.request]]} vGPU types, each with a
 * {@code [config.request.display]} table. The keys the shipped files spell differently from
 * GVM-user's parser ({@code map_video_size}, {@code ecc}) are read as what they mean, with a
 * note; unknown keys are errors.
 */
final class GvmUserTomlReader
{
    private static final Set<String> FILTER_KEYS = Set.of("domain", "bus", "slot", "function", "vendor_id", "device_id", "sub_vendor_id", "sub_device_id", "identifier");

    private final String file;

    GvmUserTomlReader(String file)
    {
        this.file = file;
    }

    GvmProfile read(String text)
    {
        TomlReader reader = new TomlReader(file);
        TomlTable root = reader.read(text);
        List<String> notes = new ArrayList<>(reader.notes());
        List<ProfileEntry> entries = new ArrayList<>();
        int filters = 0;
        for (Map.Entry<String, Object> entry : root.entries().entrySet()) {
            if (!entry.getKey().equals("config") || !(entry.getValue() instanceof List<?>)) {
                throw ProfileError.at(file, line(entry.getValue(), 1), "%s: unknown key at the top (expected [[config]] tables)".formatted(entry.getKey()));
            }
        }
        if (root.tables("config").isEmpty()) {
            throw ProfileError.at(file, 1, "config: no [[config]] table in the file");
        }
        for (TomlTable config : root.tables("config")) {
            for (Map.Entry<String, Object> entry : config.entries().entrySet()) {
                switch (entry.getKey()) {
                    case "gpu_config" -> filters += filters(config.tables("gpu_config"));
                    case "request" -> {
                        for (TomlTable request : config.tables("request")) {
                            entries.add(request(request, notes));
                        }
                    }
                    default -> throw ProfileError.at(file, line(entry.getValue(), config.line()),
                            "%s: unknown key in [[config]] (known here: gpu_config, request)".formatted(entry.getKey()));
                }
            }
        }
        List<GvmTypeDefinition> types = new TypeDefinitionBinder(file, GvmProfile.Format.GVM_USER_TOML).bind(entries);
        return new GvmProfile(file, GvmProfile.Format.GVM_USER_TOML, filters, types, notes);
    }

    private int filters(List<TomlTable> tables)
    {
        for (TomlTable table : tables) {
            for (Map.Entry<String, Object> entry : table.entries().entrySet()) {
                if (!FILTER_KEYS.contains(entry.getKey()) || !(entry.getValue() instanceof ProfileValue)) {
                    throw ProfileError.at(file, line(entry.getValue(), table.line()), "%s: unknown key in [[config.gpu_config]] (known here: %s)".formatted(
                            entry.getKey(), String.join(", ", FILTER_KEYS.stream().sorted().toList())));
                }
            }
        }
        return tables.size();
    }

    private ProfileEntry request(TomlTable request, List<String> notes)
    {
        Map<ProfileField, ProfileValue> values = new EnumMap<>(ProfileField.class);
        for (Map.Entry<String, Object> entry : request.entries().entrySet()) {
            if (entry.getKey().equals("display") && entry.getValue() instanceof TomlTable display) {
                for (Map.Entry<String, Object> setting : display.entries().entrySet()) {
                    put(values, setting.getKey(), setting.getValue(), ProfileField.toml(setting.getKey(), true), display.line(), notes, "[config.request.display]");
                }
                continue;
            }
            ProfileField field = ProfileField.toml(entry.getKey(), false);
            if (field == null && ProfileField.tomlAlias(entry.getKey()) != null) {
                field = ProfileField.tomlAlias(entry.getKey());
                if (entry.getValue() instanceof ProfileValue value) {
                    notes.add("%s:%d: %s read as %s (GVM-user's parser reads only %s and ignores this key)".formatted(
                            file, value.line(), entry.getKey(), field.tomlKey(), field.tomlKey()));
                }
            }
            put(values, entry.getKey(), entry.getValue(), field, request.line(), notes, "[[config.request]]");
        }
        return new ProfileEntry(request.line(), values, List.of());
    }

    private void put(Map<ProfileField, ProfileValue> values, String key, Object value, ProfileField field, int tableLine, List<String> notes, String where)
    {
        if (field == null || !(value instanceof ProfileValue profileValue)) {
            List<String> known = new ArrayList<>();
            boolean display = where.contains("display");
            for (ProfileField candidate : ProfileField.values()) {
                if (candidate.display() == display) {
                    known.add(candidate.tomlKey());
                }
            }
            if (!display) {
                known.add("display");
            }
            throw ProfileError.at(file, line(value, tableLine), "%s: unknown key in %s (known here: %s)".formatted(key, where, String.join(", ", known)));
        }
        ProfileValue previous = values.put(field, profileValue);
        if (previous != null) {
            throw ProfileError.at(file, profileValue.line(), "%s: the same setting as %s on line %d".formatted(key, previous.key(), previous.line()));
        }
    }

    private static int line(Object value, int fallback)
    {
        if (value instanceof ProfileValue profileValue) {
            return profileValue.line();
        }
        if (value instanceof TomlTable table) {
            return table.line();
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof TomlTable table) {
            return table.line();
        }
        return fallback;
    }
}
