package io.libvfio.runtime.vm.config;

import io.libvfio.runtime.text.Suggestions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML mapping read for one section of a VM file: keys are scalars, each once; values keep
 * their nodes (and so their positions). {@code path} is the section's key path
 * ({@code container}, {@code gpus[0]}); keys are reported as {@code path.key}.
 */
final class YamlMap
{
    private final String path;
    private final Node node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlMap(String path, Node node)
    {
        this.path = path;
        this.node = node;
    }

    /** An empty section, for one that was not written. */
    static YamlMap absent(String path)
    {
        return new YamlMap(path, null);
    }

    /** A section to fill with {@link #put}: LibVF.IO's list of one-key maps, positioned at {@code node}. */
    static YamlMap empty(String path, Node node)
    {
        return new YamlMap(path, node);
    }

    /** The mapping at {@code node}, or empty with a problem when it is not one. */
    static Optional<YamlMap> of(String path, Node node, Problems problems)
    {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(SafeYaml.position(path, node), "expected a map of settings, not " + Scalars.kind(node));
            return Optional.empty();
        }
        YamlMap map = new YamlMap(path, node);
        for (NodeTuple tuple : mapping.getValue()) {
            map.put(tuple, problems);
        }
        return Optional.of(map);
    }

    /** Adds one {@code key: value} pair, refusing non-scalar and repeated keys. */
    void put(NodeTuple tuple, Problems problems)
    {
        Node key = tuple.getKeyNode();
        if (!(key instanceof ScalarNode scalar)) {
            problems.add(SafeYaml.position(path, key), "keys must be plain names");
            return;
        }
        String name = scalar.getValue();
        if (entries.containsKey(name)) {
            problems.add(SafeYaml.position(key(name), key), "given twice (first at line " + line(name) + ")");
            return;
        }
        entries.put(name, tuple);
    }

    String path()
    {
        return path;
    }

    /** The key path of {@code name} in this section: {@code container.iso}. */
    String key(String name)
    {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name)
    {
        return entries.containsKey(name);
    }

    /** The value of {@code name}; empty when the key is missing or its value is null ({@code ~}, {@code !!null ~}). */
    Optional<Node> value(String name)
    {
        NodeTuple tuple = entries.get(name);
        return tuple == null || SafeYaml.isNull(tuple.getValueNode()) ? Optional.empty() : Optional.of(tuple.getValueNode());
    }

    /** Where {@code name} was written (its key), else where this section starts. */
    SourcePosition position(String name)
    {
        NodeTuple tuple = entries.get(name);
        if (tuple != null) {
            return SafeYaml.position(key(name), tuple.getKeyNode());
        }
        return node == null ? SourcePosition.start(key(name)) : SafeYaml.position(key(name), node);
    }

    /** Where this section starts. */
    SourcePosition position()
    {
        return node == null ? SourcePosition.start(path) : SafeYaml.position(path, node);
    }

    /** Every key not in {@code known} is a problem, with the closest known key as a suggestion. */
    void rejectUnknown(List<String> known, Problems problems)
    {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!known.contains(entry.getKey())) {
                problems.add(SafeYaml.position(key(entry.getKey()), entry.getValue().getKeyNode()),
                        "unknown key" + Suggestions.didYouMean(entry.getKey(), known));
            }
        }
    }

    private int line(String name)
    {
        return entries.get(name).getKeyNode().getStartMark().getLine() + 1;
    }
}
