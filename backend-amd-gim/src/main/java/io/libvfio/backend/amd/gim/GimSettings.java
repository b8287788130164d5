package io.libvfio.backend.amd.gim;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * GIM's effective settings for one GPU, each with where it came from (a module parameter,
 * {@code /etc/gim_config}, or GIM's default), and the values that could not be read.
 */
record GimSettings(Map<String, Long> values, Map<String, String> sources, List<String> problems)
{
    GimSettings
    {
        values = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(values, "values is null")));
        sources = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(sources, "sources is null")));
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
    }

    OptionalLong value(String key)
    {
        Long value = values.get(key);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    long valueOr(String key, long fallback)
    {
        return value(key).orElse(fallback);
    }
}
