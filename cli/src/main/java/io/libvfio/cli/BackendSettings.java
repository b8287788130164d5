package io.libvfio.cli;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.registry.BackendRegistry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --set backend.NAME.KEY=VALUE[,backend.NAME.KEY=VALUE...]}: backend settings, checked
 * before any backend sees them. A backend reads its own keys without the {@code backend.NAME.}
 * prefix and says which values it takes (e.g. {@code backend.intel-sriov.vf-lmem-mib=2048}).
 */
final class BackendSettings
{
    private static final int MAX_VALUE = 256;

    private BackendSettings()
    {
    }

    static Map<String, String> parse(Optional<String> option)
    {
        Map<String, String> settings = new LinkedHashMap<>();
        if (option.isEmpty()) {
            return settings;
        }
        for (String setting : option.get().split(",", -1)) {
            int equals = setting.indexOf('=');
            if (equals < 0) {
                throw invalid(setting, "not KEY=VALUE");
            }
            String key = setting.substring(0, equals);
            String value = setting.substring(equals + 1);
            if (!isKey(key)) {
                throw invalid(setting, "the key must be backend.NAME.KEY (lowercase letters, digits and '-')");
            }
            if (value.isEmpty() || value.length() > MAX_VALUE || !isPrintable(value)) {
                throw invalid(setting, "the value must be 1 to " + MAX_VALUE + " printable characters");
            }
            if (settings.put(key, value) != null) {
                throw invalid(setting, key + " is set twice");
            }
        }
        return settings;
    }

    private static boolean isKey(String key)
    {
        String[] parts = key.split("\\.", -1);
        return parts.length == 3 && parts[0].equals("backend") && isName(parts[1]) && isName(parts[2]);
    }

    /** A backend's name format, which its keys share; at most 64 characters. */
    private static boolean isName(String name)
    {
        return name.length() <= 64 && BackendRegistry.isValidName(name);
    }

    private static boolean isPrintable(String value)
    {
        for (int index = 0; index < value.length(); index++) {
            char c = value.charAt(index);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static VfioException invalid(String setting, String reason)
    {
        return new VfioException(StandardErrorCode.INVALID_ARGUMENT, "--set '%s': %s".formatted(setting, reason));
    }
}
