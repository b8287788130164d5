package io.libvfio.runtime.vm.config;

import io.libvfio.runtime.text.Suggestions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Typed values of a VM file, each checked where it is written: a value of the wrong kind or out
 * of range becomes a problem at the value's position, naming the key and the value.
 */
final class Scalars
{
    private static final int MAX_STRING = 4096;

    private Scalars()
    {
    }

    /** How a node reads in a message: {@code a map}, {@code a list}, {@code 'abc'}. */
    static String kind(Node node)
    {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof ScalarNode scalar) {
            return SafeYaml.isNull(node) ? "null" : "'" + shorten(scalar.getValue()) + "'";
        }
        return "nothing";
    }

    static Optional<String> string(Node node, String key, Problems problems)
    {
        if (!(node instanceof ScalarNode scalar) || SafeYaml.isNull(node)) {
            problems.add(SafeYaml.position(key, node), "expected a string, not " + kind(node));
            return Optional.empty();
        }
        String value = scalar.getValue();
        if (value.length() > MAX_STRING) {
            problems.add(SafeYaml.position(key, node), "longer than " + MAX_STRING + " characters");
            return Optional.empty();
        }
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            if (character < 0x20 && character != '\t' || character == 0x7f) {
                problems.add(SafeYaml.position(key, node), "'" + shorten(value) + "' contains a control character");
                return Optional.empty();
            }
        }
        return Optional.of(value);
    }

    /** A whole number in {@code min..max}; {@code unit} ({@code " MiB"}, or empty) for the message. */
    static Optional<Long> integer(Node node, String key, long min, long max, String unit, Problems problems)
    {
        if (!(node instanceof ScalarNode scalar) || SafeYaml.isNull(node) || !isInteger(scalar.getValue())) {
            problems.add(SafeYaml.position(key, node), "expected a whole number" + unit + ", not " + kind(node));
            return Optional.empty();
        }
        long value;
        try {
            value = Long.parseLong(scalar.getValue());
        }
        catch (NumberFormatException e) {
            value = Long.MAX_VALUE;
        }
        if (value < min || value > max) {
            problems.add(SafeYaml.position(key, node), scalar.getValue() + " is out of range (" + min + " to " + max + unit + ")");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    static Optional<Boolean> bool(Node node, String key, Problems problems)
    {
        if (node instanceof ScalarNode scalar && !SafeYaml.isNull(node)) {
            String value = scalar.getValue().toLowerCase(Locale.ROOT);
            if (value.equals("true") || value.equals("false")) {
                return Optional.of(value.equals("true"));
            }
        }
        problems.add(SafeYaml.position(key, node), "expected true or false, not " + kind(node));
        return Optional.empty();
    }

    /** One of {@code labels} (case-insensitive); returns its index. */
    static Optional<Integer> choice(Node node, String key, List<String> labels, Problems problems)
    {
        if (node instanceof ScalarNode scalar && !SafeYaml.isNull(node)) {
            String value = scalar.getValue().toLowerCase(Locale.ROOT);
            int index = labels.indexOf(value);
            if (index >= 0) {
                return Optional.of(index);
            }
            problems.add(SafeYaml.position(key, node), "expected " + String.join(", ", labels) + ", not " + kind(node)
                    + Suggestions.didYouMean(value, labels));
            return Optional.empty();
        }
        problems.add(SafeYaml.position(key, node), "expected " + String.join(", ", labels) + ", not " + kind(node));
        return Optional.empty();
    }

    static Optional<List<Node>> list(Node node, String key, Problems problems)
    {
        if (!(node instanceof SequenceNode sequence)) {
            problems.add(SafeYaml.position(key, node), "expected a list, not " + kind(node));
            return Optional.empty();
        }
        return Optional.of(sequence.getValue());
    }

    /** A list of strings such as {@code [S7150]} or {@code ["-set", "device.hostdev0.x-pci-device-id=0x1B30"]}. */
    static Optional<List<String>> strings(Node node, String key, Problems problems)
    {
        Optional<List<Node>> items = list(node, key, problems);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>();
        boolean ok = true;
        for (int index = 0; index < items.get().size(); index++) {
            Node item = items.get().get(index);
            if (!(item instanceof ScalarNode) || SafeYaml.isNull(item)) {
                problems.add(SafeYaml.position(key + "[" + index + "]", item), "expected a string, not " + kind(item));
                ok = false;
                continue;
            }
            Optional<String> value = string(item, key + "[" + index + "]", problems);
            ok &= value.isPresent();
            value.ifPresent(strings::add);
        }
        return ok ? Optional.of(strings) : Optional.empty();
    }

    static boolean isInteger(String text)
    {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start || text.length() > 19) {
            return false;
        }
        for (int index = start; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character < '0' || character > '9') {
                return false;
            }
        }
        return true;
    }

    static String shorten(String value)
    {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
