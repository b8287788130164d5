package io.libvfio.runtime.vm.config;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One key of the native format: its name, its default as YAML (empty for a section), what it
 * means, and the keys under it: a section's keys, or for a list ({@code entry}) the keys of one
 * entry. {@link NativeSchema} is the tree; the loader takes its key lists from it and
 * {@code libvfio config schema} prints it, so the two cannot drift.
 */
record SchemaKey(String name, String defaultValue, String description, boolean entry, List<SchemaKey> children)
{
    SchemaKey
    {
        requireNonNull(name, "name is null");
        requireNonNull(defaultValue, "defaultValue is null");
        requireNonNull(description, "description is null");
        children = List.copyOf(requireNonNull(children, "children is null"));
    }

    static SchemaKey value(String name, String defaultValue, String description)
    {
        return new SchemaKey(name, defaultValue, description, false, List.of());
    }

    static SchemaKey section(String name, String description, SchemaKey... children)
    {
        return new SchemaKey(name, "", description, false, List.of(children));
    }

    /** A list, {@code []} by default, whose entries have {@code children}'s keys. */
    static SchemaKey list(String name, String description, SchemaKey... children)
    {
        return new SchemaKey(name, "[]", description, true, List.of(children));
    }

    List<String> names()
    {
        List<String> names = new ArrayList<>();
        for (SchemaKey child : children) {
            names.add(child.name());
        }
        return names;
    }

    SchemaKey child(String name)
    {
        for (SchemaKey child : children) {
            if (child.name().equals(name)) {
                return child;
            }
        }
        throw new IllegalArgumentException("no key " + name + " under " + this.name);
    }
}
