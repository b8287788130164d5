package io.libvfio.cli.output;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the one JSON document a {@code --json} command prints: an object with
 * {@code schemaVersion} first, then the command's fields. Values are maps, collections,
 * strings, numbers, booleans and nulls.
 *
 * <p>The layout is that of Jackson's default pretty printer, which this class replaced on the
 * start-up path (its classes and their initialisation cost a cold JVM more than the whole
 * document): objects one entry a line, indented by two spaces, {@code "key" : value}; arrays on
 * one line, {@code [ a, b ]}; empty ones <code>{ }</code> and {@code [ ]}. Strings escape the quote,
 * the backslash and control characters (b, t, n, f and r by letter, the others as u00XX with
 * upper-case hex), nothing else.
 */
public final class Json
{
    public static final int SCHEMA_VERSION = 1;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Json()
    {
    }

    public static Map<String, Object> document()
    {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schemaVersion", SCHEMA_VERSION);
        return document;
    }

    public static void print(PrintWriter out, Map<String, Object> document)
    {
        out.println(write(document));
        out.flush();
    }

    public static String write(Object value)
    {
        StringBuilder text = new StringBuilder(4096);
        value(text, value, 0);
        return text.toString();
    }

    // Plain loops and instanceof, no streams or lambdas: this runs once per command, in a cold JVM.
    private static void value(StringBuilder text, Object value, int depth)
    {
        if (value == null) {
            text.append("null");
        }
        else if (value instanceof String string) {
            string(text, string);
        }
        else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            text.append(value);
        }
        else if (value instanceof Map<?, ?> map) {
            object(text, map, depth);
        }
        else if (value instanceof Collection<?> collection) {
            array(text, collection, depth);
        }
        else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder text, Map<?, ?> map, int depth)
    {
        if (map.isEmpty()) {
            text.append("{ }");
            return;
        }
        text.append('{');
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            newLine(text, depth + 1);
            string(text, entry.getKey().toString());
            text.append(" : ");
            value(text, entry.getValue(), depth + 1);
            if (entries.hasNext()) {
                text.append(',');
            }
        }
        newLine(text, depth);
        text.append('}');
    }

    private static void array(StringBuilder text, Collection<?> collection, int depth)
    {
        if (collection.isEmpty()) {
            text.append("[ ]");
            return;
        }
        // Arrays stay on one line and do not indent what they hold (Jackson's FixedSpaceIndenter).
        text.append("[ ");
        boolean first = true;
        for (Object element : collection) {
            if (!first) {
                text.append(", ");
            }
            value(text, element, depth);
            first = false;
        }
        text.append(" ]");
    }

    private static void newLine(StringBuilder text, int depth)
    {
        text.append('\n');
        for (int level = 0; level < depth; level++) {
            text.append("  ");
        }
    }

    private static void string(StringBuilder text, String value)
    {
        text.append('"');
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            if (character == '"' || character == '\\') {
                text.append('\\').append(character);
            }
            else if (character < 0x20) {
                escapeControl(text, character);
            }
            else {
                text.append(character);
            }
        }
        text.append('"');
    }

    private static void escapeControl(StringBuilder text, char character)
    {
        switch (character) {
            case '\b' -> text.append("\\b");
            case '\t' -> text.append("\\t");
            case '\n' -> text.append("\\n");
            case '\f' -> text.append("\\f");
            case '\r' -> text.append("\\r");
            default -> text.append("\\u00").append(HEX[character >> 4]).append(HEX[character & 0xF]);
        }
    }
}
