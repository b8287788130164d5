package io.libvfio.backend.nvidia.gvm.profile;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import io.libvfio.api.VfioException;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mdev-GPU's {@code generate-vgpu-types.yaml} (libvfio-original §7.1): {@code gpus:} a list of
 * {@code {filteredGpus?, mdevConfigs}}, each mdevConfig a vGPU type with a {@code virtDisplay}
 * mapping. Read with SnakeYAML's safe loader as a node tree (nothing is constructed), so every
 * error names its line; unknown and repeated keys are errors.
 */
final class MdevGpuYamlReader
{
    private static final int MAX_CODE_POINTS = 1024 * 1024;
    private static final Set<String> FILTER_KEYS = Set.of("domain", "bus", "slot", "function", "vendorId", "deviceId", "subvendorId", "subdeviceId", "identifier");

    private final String file;
    private int filters;

    MdevGpuYamlReader(String file)
    {
        this.file = file;
    }

    GvmProfile read(String text)
    {
        Node root = compose(text);
        MappingNode top = mapping(root, "the file", "a mapping with the key gpus");
        List<ProfileEntry> entries = new ArrayList<>();
        boolean gpus = false;
        for (NodeTuple tuple : unique(top)) {
            String key = key(tuple);
            if (!key.equals("gpus")) {
                throw unknown(tuple, key, "gpus");
            }
            gpus = true;
            for (Node gpu : sequence(tuple.getValueNode(), "gpus").getValue()) {
                entries.addAll(gpu(gpu));
            }
        }
        if (!gpus) {
            throw ProfileError.at(file, line(root), "gpus: required key missing");
        }
        List<GvmTypeDefinition> types = new TypeDefinitionBinder(file, GvmProfile.Format.MDEV_GPU_YAML).bind(entries);
        return new GvmProfile(file, GvmProfile.Format.MDEV_GPU_YAML, filters, types, List.of());
    }

    private List<ProfileEntry> gpu(Node node)
    {
        MappingNode gpu = mapping(node, "gpus[]", "a mapping with mdevConfigs");
        List<ProfileEntry> entries = new ArrayList<>();
        boolean configs = false;
        for (NodeTuple tuple : unique(gpu)) {
            String key = key(tuple);
            switch (key) {
                case "filteredGpus" -> {
                    for (Node filter : sequence(tuple.getValueNode(), key).getValue()) {
                        filter(filter);
                    }
                }
                case "mdevConfigs" -> {
                    configs = true;
                    for (Node config : sequence(tuple.getValueNode(), key).getValue()) {
                        entries.add(config(config));
                    }
                }
                default -> throw unknown(tuple, key, "filteredGpus, mdevConfigs");
            }
        }
        if (!configs) {
            throw ProfileError.at(file, line(node), "mdevConfigs: required key missing from this gpus entry");
        }
        return entries;
    }

    private void filter(Node node)
    {
        for (NodeTuple tuple : unique(mapping(node, "filteredGpus[]", "a mapping"))) {
            String key = key(tuple);
            if (!FILTER_KEYS.contains(key)) {
                throw unknown(tuple, key, String.join(", ", FILTER_KEYS.stream().sorted().toList()));
            }
            scalar(tuple.getValueNode(), key);
        }
        filters++;
    }

    private ProfileEntry config(Node node)
    {
        Map<ProfileField, ProfileValue> values = new EnumMap<>(ProfileField.class);
        for (NodeTuple tuple : unique(mapping(node, "mdevConfigs[]", "a mapping of type settings"))) {
            String key = key(tuple);
            if (key.equals("virtDisplay")) {
                for (NodeTuple display : unique(mapping(tuple.getValueNode(), key, "a mapping"))) {
                    put(values, display, true);
                }
                continue;
            }
            put(values, tuple, false);
        }
        return new ProfileEntry(line(node), values, List.of());
    }

    private void put(Map<ProfileField, ProfileValue> values, NodeTuple tuple, boolean display)
    {
        String key = key(tuple);
        ProfileField field = ProfileField.yaml(key, display);
        if (field == null) {
            List<String> known = new ArrayList<>();
            for (ProfileField candidate : ProfileField.values()) {
                if (candidate.display() == display) {
                    known.add(candidate.yamlKey());
                }
            }
            if (!display) {
                known.add("virtDisplay");
            }
            throw unknown(tuple, key, String.join(", ", known));
        }
        ScalarNode scalar = scalar(tuple.getValueNode(), key);
        values.put(field, new ProfileValue(key, scalar.getValue(), line(scalar), !scalar.isPlain()));
    }

    private Node compose(String text)
    {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(16);
        options.setCodePointLimit(MAX_CODE_POINTS);
        try {
            Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
            if (root == null) {
                throw ProfileError.at(file, 1, "the file is empty; expected a mapping with the key gpus");
            }
            return root;
        }
        catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw ProfileError.at(file, line, "not valid YAML: " + e.getProblem());
        }
        catch (YAMLException e) {
            throw ProfileError.at(file, 1, "not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
    }

    /** The tuples of a mapping, refusing a key written twice. */
    private List<NodeTuple> unique(MappingNode mapping)
    {
        Set<String> keys = new HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = key(tuple);
            if (!keys.add(key)) {
                throw ProfileError.at(file, line(tuple.getKeyNode()), key + ": key written twice in one mapping");
            }
        }
        return mapping.getValue();
    }

    private String key(NodeTuple tuple)
    {
        return scalar(tuple.getKeyNode(), "a key").getValue();
    }

    private MappingNode mapping(Node node, String what, String expected)
    {
        if (node instanceof MappingNode mapping) {
            return mapping;
        }
        throw ProfileError.at(file, line(node), "%s: expected %s".formatted(what, expected));
    }

    private SequenceNode sequence(Node node, String key)
    {
        if (node instanceof SequenceNode sequence) {
            return sequence;
        }
        throw ProfileError.at(file, line(node), key + ": expected a list");
    }

    private ScalarNode scalar(Node node, String key)
    {
        if (node instanceof ScalarNode scalar) {
            return scalar;
        }
        throw ProfileError.at(file, line(node), key + ": expected a single value");
    }

    private VfioException unknown(NodeTuple tuple, String key, String known)
    {
        return ProfileError.at(file, line(tuple.getKeyNode()), "%s: unknown key (known here: %s)".formatted(key, known));
    }

    private static int line(Node node)
    {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }
}
