package io.libvfio.runtime.setup;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.List;
import java.util.Map;

/**
 * Reads a JSON file (as the YAML it also is, with SnakeYAML's safe constructor) and writes it back
 * the way Python's {@code json.dump(value, file, indent=2)} does, which is how kernelstub writes
 * {@code /etc/kernelstub/configuration}: two-space indents, {@code ", "}-free separators at line
 * ends, {@code ": "} after keys, keys in their order.
 */
final class PythonJson
{
    private PythonJson()
    {
    }

    static Object parse(String path, String text)
    {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(32);
        options.setCodePointLimit(1024 * 1024);
        try {
            return new Yaml(new SafeConstructor(options)).load(text);
        }
        catch (YAMLException e) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED, "%s: not valid JSON: %s".formatted(path, e.getMessage().replace('\n', ' ')), e);
        }
    }

    static String write(Object value)
    {
        StringBuilder text = new StringBuilder();
        write(text, value, 0);
        return text.toString();
    }

    private static void write(StringBuilder text, Object value, int depth)
    {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                text.append("{}");
                return;
            }
            text.append("{\n");
            int index = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                indent(text, depth + 1);
                string(text, String.valueOf(entry.getKey()));
                text.append(": ");
                write(text, entry.getValue(), depth + 1);
                text.append(++index < map.size() ? ",\n" : "\n");
            }
            indent(text, depth);
            text.append('}');
        }
        else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                text.append("[]");
                return;
            }
            text.append("[\n");
            for (int index = 0; index < list.size(); index++) {
                indent(text, depth + 1);
                write(text, list.get(index), depth + 1);
                text.append(index + 1 < list.size() ? ",\n" : "\n");
            }
            indent(text, depth);
            text.append(']');
        }
        else if (value instanceof String string) {
            string(text, string);
        }
        else if (value == null) {
            text.append("null");
        }
        else if (value instanceof Boolean || value instanceof Number) {
            text.append(value);
        }
        else {
            string(text, String.valueOf(value));
        }
    }

    private static void indent(StringBuilder text, int depth)
    {
        text.append("  ".repeat(depth));
    }

    private static void string(StringBuilder text, String value)
    {
        text.append('"');
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            switch (character) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (character < 0x20 || character > 0x7e) {
                        text.append("\\u%04x".formatted((int) character));
                    }
                    else {
                        text.append(character);
                    }
                }
            }
        }
        text.append('"');
    }
}
