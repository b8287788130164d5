package io.libvfio.backend.amd.gim;

import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.SysfsValues;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads GIM's settings the way GIM resolves them (sysfs-spec §6; legacy {@code gim_config.c}
 * {@code init_config}): a module parameter under {@code /sys/module/gim/parameters} wins when its
 * value is in the setting's range (an unset legacy parameter reads {@code 4294967295}, uint -1,
 * and so never wins); otherwise the {@code key=value} line of {@code /etc/gim_config}, again only
 * when in range; otherwise GIM's default. The open-source GIM keeps one value per GPU: its
 * parameters and config lines are comma-separated arrays, element {@code index} for the
 * {@code index}-th GIM GPU. A value that is not a number is reported and skipped, as GIM skips it.
 */
final class GimSettingsReader
{
    static final String PARAMETERS = "/sys/module/gim/parameters/";
    static final String CONFIG_FILE = "/etc/gim_config";

    /** One setting: its range and GIM's default (negative: none known). */
    record Setting(String key, long min, long max, long defaultValue)
    {
    }

    static final List<Setting> LEGACY = List.of(
            new Setting("vf_num", 0, 16, 0),
            new Setting("pf_fb", 0, 65536, 0),
            new Setting("vf_fb", 0, 65536, 0),
            new Setting("fb_option", 0, 1, 0),
            new Setting("sched_option", 0, 2, 0),
            new Setting("sched_interval", 0, 2000, 0),
            new Setting("sched_interval_us", 0, 999, 0));

    static final List<Setting> OPEN = List.of(
            new Setting("vf_num", 1, 31, 1),
            new Setting("pf_fb_size", 256, 1024, -1),
            new Setting("sch_policy", 1, 5, -1));

    private final HostFs fs;

    GimSettingsReader(HostFs fs)
    {
        this.fs = fs;
    }

    GimSettings legacy()
    {
        return read(LEGACY, Optional.empty());
    }

    GimSettings open(int index)
    {
        return read(OPEN, Optional.of(index));
    }

    private GimSettings read(List<Setting> settings, Optional<Integer> index)
    {
        List<String> problems = new ArrayList<>();
        Map<String, String> file = configFile(problems);
        Map<String, Long> values = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        for (Setting setting : settings) {
            String parameterPath = PARAMETERS + setting.key();
            OptionalLong parameter = element(parameterPath, read(parameterPath, problems), index, problems);
            OptionalLong configured = element(CONFIG_FILE + " (" + setting.key() + ")", Optional.ofNullable(file.get(setting.key())), index, problems);
            if (inRange(parameter, setting)) {
                values.put(setting.key(), parameter.getAsLong());
                sources.put(setting.key(), "module parameter");
            }
            else if (inRange(configured, setting)) {
                values.put(setting.key(), configured.getAsLong());
                sources.put(setting.key(), CONFIG_FILE);
            }
            else if (setting.defaultValue() >= 0) {
                values.put(setting.key(), setting.defaultValue());
                sources.put(setting.key(), "default");
            }
        }
        return new GimSettings(values, sources, problems);
    }

    private static boolean inRange(OptionalLong value, Setting setting)
    {
        return value.isPresent() && value.getAsLong() >= setting.min() && value.getAsLong() <= setting.max();
    }

    /** The whole value, or element {@code index} of a comma-separated array; a non-number is a problem. */
    private static OptionalLong element(String where, Optional<String> text, Optional<Integer> index, List<String> problems)
    {
        if (text.isEmpty() || text.get().isBlank()) {
            return OptionalLong.empty();
        }
        String value = text.get().strip();
        if (index.isPresent()) {
            String[] elements = value.split(",", -1);
            if (index.get() >= elements.length) {
                return OptionalLong.empty();
            }
            value = elements[index.get()].strip();
        }
        try {
            return OptionalLong.of(SysfsValues.unsigned(where, value));
        }
        catch (VfioException e) {
            problems.add(e.getMessage() + "; ignored, as GIM ignores it");
            return OptionalLong.empty();
        }
    }

    private Optional<String> read(String path, List<String> problems)
    {
        try {
            return fs.read(path);
        }
        catch (VfioException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code /etc/gim_config}: {@code key=value} lines (GIM also accepts spaces around or instead of {@code =}). */
    private Map<String, String> configFile(List<String> problems)
    {
        Map<String, String> entries = new HashMap<>();
        for (String line : read(CONFIG_FILE, problems).orElse("").split("\n")) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String[] parts = entry.contains("=") ? entry.split("=", 2) : entry.split("\\s+", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                problems.add("%s: line '%s' is not key=value; ignored".formatted(CONFIG_FILE, entry));
                continue;
            }
            entries.put(parts[0].strip(), parts[1].strip());
        }
        return entries;
    }
}
