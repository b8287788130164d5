package io.libvfio.runtime.plugin;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which directories backend plug-ins are loaded from, in order: {@code --plugins DIR[:DIR]}
 * when given (an empty value loads no plug-ins), else {@code LIBVFIO_PLUGIN_PATH}, else
 * {@value #SYSTEM_DIRECTORY} and the user's {@code $XDG_DATA_HOME/libvfio/plugins} (or
 * {@code ~/.local/share/libvfio/plugins}).
 * <p>
 * Plug-ins are code on the machine that runs libvfio, not state of the host it works on:
 * {@code --root} does not apply to them, and the paths are taken as they are.
 */
public final class PluginPath
{
    /** The environment variable that replaces the default directories. */
    public static final String VARIABLE = "LIBVFIO_PLUGIN_PATH";
    /** The directory for plug-ins installed for every user, by a package. */
    public static final String SYSTEM_DIRECTORY = "/usr/lib/libvfio/plugins";

    private PluginPath()
    {
    }

    /**
     * The plug-in directories for an optional {@code --plugins} value and the process's
     * environment and home directory.
     *
     * @throws VfioException a usage error when {@code --plugins} names something that is not a directory
     */
    public static List<PluginDirectory> resolve(Optional<String> option, Map<String, String> environment, String home)
    {
        if (option.isPresent()) {
            List<PluginDirectory> directories = split(option.get(), PluginDirectory.Source.OPTION);
            for (PluginDirectory directory : directories) {
                if (!Files.isDirectory(directory.path())) {
                    throw new VfioException(StandardErrorCode.INVALID_ARGUMENT, "--plugins " + directory.path() + ": no such directory");
                }
            }
            return directories;
        }
        String variable = environment.get(VARIABLE);
        if (variable != null) {
            return split(variable, PluginDirectory.Source.ENVIRONMENT);
        }
        List<PluginDirectory> defaults = new ArrayList<>();
        defaults.add(new PluginDirectory(Path.of(SYSTEM_DIRECTORY), PluginDirectory.Source.DEFAULT));
        String dataHome = environment.get("XDG_DATA_HOME");
        Path user = dataHome != null && dataHome.startsWith("/") ? Path.of(dataHome, "libvfio/plugins") : Path.of(home, ".local/share/libvfio/plugins");
        defaults.add(new PluginDirectory(user, PluginDirectory.Source.DEFAULT));
        return defaults;
    }

    private static List<PluginDirectory> split(String value, PluginDirectory.Source source)
    {
        List<PluginDirectory> directories = new ArrayList<>();
        int start = 0;
        while (start <= value.length()) {
            int colon = value.indexOf(':', start);
            int end = colon < 0 ? value.length() : colon;
            String entry = value.substring(start, end);
            if (!entry.isEmpty()) {
                directories.add(new PluginDirectory(path(entry, source), source));
            }
            start = end + 1;
        }
        return directories;
    }

    private static Path path(String entry, PluginDirectory.Source source)
    {
        if (entry.indexOf('\0') >= 0) {
            throw new VfioException(StandardErrorCode.INVALID_ARGUMENT, source.label() + ": invalid directory name '" + entry.replace('\0', '?') + "'");
        }
        try {
            return Path.of(entry).toAbsolutePath().normalize();
        }
        catch (InvalidPathException e) {
            throw new VfioException(StandardErrorCode.INVALID_ARGUMENT, source.label() + ": invalid directory name '" + entry + "'", e);
        }
    }
}
