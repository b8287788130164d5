package io.libvfio.runtime.vm.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.Reader;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one YAML document as SnakeYAML's node graph, never as objects: no class is ever
 * constructed from a tag. Limits: {@value #MAX_CODE_POINTS} characters, {@value #MAX_DEPTH}
 * levels of nesting, {@value #MAX_COLLECTION_ALIASES} aliases to collections, no recursive keys,
 * one document. Tags must be YAML's own plain kinds (str, int, bool, null, float, map, seq) or
 * NimYAML's ({@code tag:nimyaml.org,2016:...}, as on LibVF.IO's {@code --- !n!custom:Config});
 * anything else (such as {@code !!python/object} or {@code !foo}) is refused with its position.
 */
final class SafeYaml
{
    static final int MAX_CODE_POINTS = 256 * 1024;
    static final int MAX_DEPTH = 24;
    static final int MAX_COLLECTION_ALIASES = 16;
    static final String NIM_TAG_PREFIX = "tag:nimyaml.org,2016:";
    static final String NIM_CONFIG_TAG = NIM_TAG_PREFIX + "custom:Config";

    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.NULL, Tag.FLOAT, Tag.MAP, Tag.SEQ);

    private SafeYaml()
    {
    }

    /** The document's root node, or empty with the problem recorded (a syntax error, a limit, a refused tag). */
    static Optional<Node> read(Reader reader, Problems problems)
    {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setProcessComments(false);
        Node root;
        try {
            // the composer alone (what Yaml.compose runs), without Yaml's constructor and representer: VM start loads few classes
            root = new Composer(new ParserImpl(new StreamReader(reader), options), new Resolver(), options).getSingleNode();
        }
        catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : "not valid YAML";
            problems.add(mark == null ? SourcePosition.start("(yaml)") : new SourcePosition("(yaml)", mark.getLine() + 1, mark.getColumn() + 1),
                    "not valid YAML: " + oneLine(problem));
            return Optional.empty();
        }
        catch (YAMLException e) {
            problems.add(SourcePosition.start("(yaml)"), "refused: " + oneLine(e.getMessage()));
            return Optional.empty();
        }
        if (root == null) {
            problems.add(SourcePosition.start("(yaml)"), "the file is empty");
            return Optional.empty();
        }
        return checkTags(root, problems, new IdentityHashMap<>()) ? Optional.of(root) : Optional.empty();
    }

    private static boolean checkTags(Node node, Problems problems, Map<Node, Boolean> seen)
    {
        if (seen.put(node, Boolean.TRUE) != null) {
            return true;
        }
        Tag tag = node.getTag();
        boolean ok = PLAIN_TAGS.contains(tag) || tag.getValue().startsWith(NIM_TAG_PREFIX);
        if (!ok) {
            problems.add(position("(tag)", node), "tag " + tag.getValue() + " is not allowed: VM files hold plain maps, lists and values");
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                ok &= checkTags(tuple.getKeyNode(), problems, seen);
                ok &= checkTags(tuple.getValueNode(), problems, seen);
            }
        }
        else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                ok &= checkTags(item, problems, seen);
            }
        }
        return ok;
    }

    static SourcePosition position(String key, Node node)
    {
        Mark mark = node == null ? null : node.getStartMark();
        return mark == null ? SourcePosition.start(key) : new SourcePosition(key, mark.getLine() + 1, mark.getColumn() + 1);
    }

    static boolean isNull(Node node)
    {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    private static String oneLine(String message)
    {
        return message == null ? "unreadable YAML" : message.replace('\n', ' ').replaceAll(" +", " ").trim();
    }
}
