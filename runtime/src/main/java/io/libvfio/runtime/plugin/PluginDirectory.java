package io.libvfio.runtime.plugin;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * A directory the runtime loads backend plug-ins ({@code *.jar}) from, and where it was named:
 * what happens when it is missing depends on that (see {@link Source}).
 */
public record PluginDirectory(Path path, Source source)
{
    public PluginDirectory
    {
        requireNonNull(path, "path is null");
        requireNonNull(source, "source is null");
    }

    /** Where a plug-in directory was named. */
    public enum Source
    {
        /** {@code --plugins DIR[:DIR]}: a missing directory is a usage error. */
        OPTION("--plugins"),
        /** {@code LIBVFIO_PLUGIN_PATH}: a missing directory is reported as a plug-in that did not load. */
        ENVIRONMENT(PluginPath.VARIABLE),
        /** The built-in defaults: a missing directory is skipped silently. */
        DEFAULT("default plug-in directory");

        private final String label;

        Source(String label)
        {
            this.label = label;
        }

        public String label()
        {
            return label;
        }
    }
}
