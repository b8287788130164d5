package io.libvfio.backend.nvidia.gvm.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of a TOML file as {@link TomlReader} reads it: keys in file order to a
 * {@link ProfileValue}, a sub-table, or an array of tables ({@code [[...]]}).
 */
final class TomlTable
{
    private final int line;
    private final Map<String, Object> entries = new LinkedHashMap<>();

    TomlTable(int line)
    {
        this.line = line;
    }

    int line()
    {
        return line;
    }

    Map<String, Object> entries()
    {
        return entries;
    }

    /** The tables of an array of tables, empty when the key is absent. */
    @SuppressWarnings("unchecked")
    List<TomlTable> tables(String key)
    {
        Object value = entries.get(key);
        return value instanceof List<?> list ? (List<TomlTable>) list : new ArrayList<>();
    }
}
