package io.libvfio.runtime.vm.config;

import org.yaml.snakeyaml.nodes.Node;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Turns the paths a VM file names (disk images, the ISO, a shared directory) into absolute paths
 * on this machine: {@code ~} is the user's home, a relative path is relative to the VM file's
 * directory. On a simulated host ({@code --root} other than {@code /}) absolute paths and the home
 * lie inside the root, as every other host path does. Commas and control characters are refused,
 * so a path can go into a QEMU option as it is.
 *
 * @param root the host root ({@code /} on the real machine)
 * @param home the user's home directory, inside the root on a simulated host
 */
public record ConfigPaths(Path root, Path home)
{
    public ConfigPaths
    {
        root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        home = requireNonNull(home, "home is null").toAbsolutePath().normalize();
    }

    /** This machine's own root and home. */
    public static ConfigPaths local()
    {
        return forRoot(Path.of("/"));
    }

    /** The root's paths: on a simulated host the home is {@code <root>/<user.home>}. */
    public static ConfigPaths forRoot(Path root)
    {
        Path absolute = root.toAbsolutePath().normalize();
        String userHome = System.getProperty("user.home", "/root");
        return new ConfigPaths(absolute, absolute.getParent() == null ? Path.of(userHome) : absolute.resolve(userHome.substring(1)));
    }

    boolean isRealRoot()
    {
        return root.getParent() == null;
    }

    /** {@code text} as written at {@code node}, resolved against {@code directory}; empty with a problem when refused. */
    Optional<Path> resolve(String text, Path directory, Node node, String key, Problems problems)
    {
        if (text.isEmpty()) {
            problems.add(SafeYaml.position(key, node), "an empty path");
            return Optional.empty();
        }
        if (text.indexOf(',') >= 0) {
            problems.add(SafeYaml.position(key, node), "'" + Scalars.shorten(text) + "' contains ',', which QEMU options cannot take; rename the file");
            return Optional.empty();
        }
        Path path;
        boolean insideRoot = true;
        if (text.equals("~") || text.startsWith("~/")) {
            path = home.resolve(text.equals("~") ? "" : text.substring(2));
        }
        else if (text.startsWith("/")) {
            path = isRealRoot() ? Path.of(text) : root.resolve(text.substring(1));
        }
        else {
            path = directory.resolve(text);
            insideRoot = false;
        }
        path = path.normalize();
        if (insideRoot && !path.startsWith(root)) {
            problems.add(SafeYaml.position(key, node), "'" + Scalars.shorten(text) + "' leads outside the host root " + root);
            return Optional.empty();
        }
        return Optional.of(path);
    }
}
