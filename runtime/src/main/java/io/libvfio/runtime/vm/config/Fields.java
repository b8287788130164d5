package io.libvfio.runtime.vm.config;

import org.yaml.snakeyaml.nodes.Node;

import java.util.List;
import java.util.Optional;

/**
 * Reads one key of a section with its default, records where the key was written under its model
 * key (see {@link SourcePositions}), and reports a bad value as a problem at the value.
 */
final class Fields
{
    private final Problems problems;
    private final Positions positions;

    Fields(Problems problems, Positions positions)
    {
        this.problems = problems;
        this.positions = positions;
    }

    Problems problems()
    {
        return problems;
    }

    Positions positions()
    {
        return positions;
    }

    /** The value of {@code key}, recording its position under {@code modelKey}. */
    Optional<Node> value(YamlMap map, String key, String modelKey)
    {
        if (map.has(key)) {
            positions.put(modelKey, map.position(key));
        }
        return map.value(key);
    }

    long integer(YamlMap map, String key, String modelKey, long min, long max, String unit, long fallback)
    {
        return value(map, key, modelKey).flatMap(node -> Scalars.integer(node, map.key(key), min, max, unit, problems)).orElse(fallback);
    }

    int integer(YamlMap map, String key, String modelKey, int min, int max, String unit, int fallback)
    {
        return (int) integer(map, key, modelKey, (long) min, (long) max, unit, (long) fallback);
    }

    boolean bool(YamlMap map, String key, String modelKey, boolean fallback)
    {
        return value(map, key, modelKey).flatMap(node -> Scalars.bool(node, map.key(key), problems)).orElse(fallback);
    }

    Optional<String> string(YamlMap map, String key, String modelKey)
    {
        return value(map, key, modelKey).flatMap(node -> Scalars.string(node, map.key(key), problems));
    }

    /** One of {@code labels}, mapped to the value at the same index. */
    <E> E choice(YamlMap map, String key, String modelKey, List<String> labels, List<E> values, E fallback)
    {
        return value(map, key, modelKey).flatMap(node -> Scalars.choice(node, map.key(key), labels, problems)).map(values::get).orElse(fallback);
    }

    /** The map under {@code key}; an absent section when the key is missing or null. */
    YamlMap section(YamlMap map, String key, String modelKey, List<String> known)
    {
        Optional<Node> node = value(map, key, modelKey);
        if (node.isEmpty()) {
            return YamlMap.absent(map.key(key));
        }
        Optional<YamlMap> section = YamlMap.of(map.key(key), node.get(), problems);
        section.ifPresent(found -> found.rejectUnknown(known, problems));
        return section.orElse(YamlMap.absent(map.key(key)));
    }
}
