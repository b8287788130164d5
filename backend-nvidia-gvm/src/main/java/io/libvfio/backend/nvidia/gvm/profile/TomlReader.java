package io.libvfio.backend.nvidia.gvm.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The part of TOML that GVM-user's profiles use: comments, {@code [table]} and
 * {@code [[array.of.tables]]} headers with bare dotted names, and {@code key = value} with bare
 * keys and integers (decimal or {@code 0x}), booleans and strings. Anything else (inline tables,
 * arrays, dates, dotted keys) is an error naming its line. One leniency, because a shipped file
 * relies on it: {@code True}/{@code False} are read as booleans, with a note.
 * <p>
 * Hand-written because no TOML library is in the build; the subset is small and every error must
 * name the line, which a library's would not always do.
 */
final class TomlReader
{
    private final String file;
    private final List<String> notes = new ArrayList<>();

    TomlReader(String file)
    {
        this.file = file;
    }

    List<String> notes()
    {
        return List.copyOf(notes);
    }

    TomlTable read(String text)
    {
        TomlTable root = new TomlTable(1);
        TomlTable current = root;
        String[] lines = text.split("\n", -1);
        for (int index = 0; index < lines.length; index++) {
            int line = index + 1;
            String content = stripComment(lines[index]).strip();
            if (content.isEmpty()) {
                continue;
            }
            if (content.startsWith("[[")) {
                if (!content.endsWith("]]")) {
                    throw ProfileError.at(file, line, "'%s': an array-of-tables header ends with ]]".formatted(content));
                }
                current = arrayTable(root, path(content.substring(2, content.length() - 2), line), line);
            }
            else if (content.startsWith("[")) {
                if (!content.endsWith("]")) {
                    throw ProfileError.at(file, line, "'%s': a table header ends with ]".formatted(content));
                }
                current = table(root, path(content.substring(1, content.length() - 1), line), line);
            }
            else {
                keyValue(current, content, line);
            }
        }
        return root;
    }

    private void keyValue(TomlTable table, String content, int line)
    {
        int equals = content.indexOf('=');
        if (equals < 0) {
            throw ProfileError.at(file, line, "'%s': expected key = value".formatted(content));
        }
        String key = content.substring(0, equals).strip();
        if (!isBareKey(key)) {
            throw ProfileError.at(file, line, "'%s': a key is letters, digits, _ and -".formatted(key));
        }
        if (table.entries().containsKey(key)) {
            throw ProfileError.at(file, line, key + ": key written twice in one table");
        }
        table.entries().put(key, value(key, content.substring(equals + 1).strip(), line));
    }

    private ProfileValue value(String key, String text, int line)
    {
        if (text.startsWith("\"")) {
            return new ProfileValue(key, basicString(key, text, line), line, true);
        }
        if (text.startsWith("'")) {
            if (text.length() < 2 || !text.endsWith("'") || text.indexOf('\'', 1) != text.length() - 1) {
                throw ProfileError.at(file, line, key + ": unterminated string " + text);
            }
            return new ProfileValue(key, text.substring(1, text.length() - 1), line, true);
        }
        if (text.equals("True") || text.equals("False")) {
            notes.add("%s:%d: %s = %s is not TOML (booleans are lowercase); read as %s".formatted(file, line, key, text, text.toLowerCase(Locale.ROOT)));
            return new ProfileValue(key, text.toLowerCase(Locale.ROOT), line, false);
        }
        if (text.equals("true") || text.equals("false") || text.matches("[+-]?(0x[0-9A-Fa-f_]+|[0-9_]+)")) {
            return new ProfileValue(key, text.startsWith("+") ? text.substring(1) : text, line, false);
        }
        throw ProfileError.at(file, line, "%s: '%s' is not a number, boolean or string".formatted(key, text));
    }

    private String basicString(String key, String text, int line)
    {
        StringBuilder value = new StringBuilder();
        int index = 1;
        while (index < text.length()) {
            char character = text.charAt(index);
            if (character == '"') {
                if (index != text.length() - 1) {
                    throw ProfileError.at(file, line, key + ": text after the closing quote");
                }
                return value.toString();
            }
            if (character == '\\' && index + 1 < text.length()) {
                char escaped = text.charAt(index + 1);
                switch (escaped) {
                    case '"', '\\' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    default -> throw ProfileError.at(file, line, key + ": unsupported escape \\" + escaped);
                }
                index += 2;
                continue;
            }
            value.append(character);
            index++;
        }
        throw ProfileError.at(file, line, key + ": unterminated string " + text);
    }

    /** The line without a {@code #} comment; a {@code #} inside a string stays. */
    private static String stripComment(String line)
    {
        boolean inString = false;
        char quote = 0;
        for (int index = 0; index < line.length(); index++) {
            char character = line.charAt(index);
            if (inString) {
                if (character == '\\' && quote == '"') {
                    index++;
                }
                else if (character == quote) {
                    inString = false;
                }
            }
            else if (character == '"' || character == '\'') {
                inString = true;
                quote = character;
            }
            else if (character == '#') {
                return line.substring(0, index);
            }
        }
        return line;
    }

    private List<String> path(String header, int line)
    {
        List<String> path = new ArrayList<>();
        for (String part : header.split("\\.", -1)) {
            String name = part.strip();
            if (!isBareKey(name)) {
                throw ProfileError.at(file, line, "'[%s]': table names are bare keys joined by dots".formatted(header));
            }
            path.add(name);
        }
        return path;
    }

    /** {@code [[a.b]]}: a new table appended to the array {@code b} of the (last) table {@code a}. */
    private TomlTable arrayTable(TomlTable root, List<String> path, int line)
    {
        TomlTable parent = walk(root, path.subList(0, path.size() - 1), line);
        String name = path.get(path.size() - 1);
        Object existing = parent.entries().get(name);
        if (existing != null && !(existing instanceof List<?>)) {
            throw ProfileError.at(file, line, name + ": already defined as something other than an array of tables");
        }
        List<TomlTable> tables = parent.tables(name);
        TomlTable table = new TomlTable(line);
        tables.add(table);
        parent.entries().put(name, tables);
        return table;
    }

    /** {@code [a.b]}: the table {@code b} of the (last) table {@code a}, defined once. */
    private TomlTable table(TomlTable root, List<String> path, int line)
    {
        TomlTable parent = walk(root, path.subList(0, path.size() - 1), line);
        String name = path.get(path.size() - 1);
        if (parent.entries().containsKey(name)) {
            throw ProfileError.at(file, line, name + ": table defined twice");
        }
        TomlTable table = new TomlTable(line);
        parent.entries().put(name, table);
        return table;
    }

    private TomlTable walk(TomlTable root, List<String> path, int line)
    {
        TomlTable table = root;
        for (String name : path) {
            Object next = table.entries().get(name);
            if (next instanceof List<?> list && !list.isEmpty()) {
                table = (TomlTable) list.get(list.size() - 1);
            }
            else if (next instanceof TomlTable sub) {
                table = sub;
            }
            else if (next == null) {
                TomlTable sub = new TomlTable(line);
                table.entries().put(name, sub);
                table = sub;
            }
            else {
                throw ProfileError.at(file, line, name + ": a value, not a table");
            }
        }
        return table;
    }

    private static boolean isBareKey(String key)
    {
        return !key.isEmpty() && key.chars().allMatch(character -> Character.isLetterOrDigit(character) && character < 128 || character == '_' || character == '-');
    }
}
