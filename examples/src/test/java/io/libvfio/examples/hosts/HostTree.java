package io.libvfio.examples.hosts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A host tree read back from disk: every regular file and symbolic link, by '/'-separated relative path. */
final class HostTree
{
    private HostTree()
    {
    }

    /** Files as {@code file:<bytes>} and links as {@code link:<raw target>}, sorted by path; directories are implied. */
    static Map<String, String> snapshot(Path root)
    {
        Map<String, String> entries = new TreeMap<>();
        for (Path path : walk(root)) {
            String relative = relative(root, path);
            try {
                if (Files.isSymbolicLink(path)) {
                    entries.put(relative, "link:" + Files.readSymbolicLink(path));
                }
                else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(relative, "file:" + new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1));
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return entries;
    }

    /** Empty directories below {@code root} (relative paths). */
    static List<String> emptyDirectories(Path root)
    {
        List<String> empty = new ArrayList<>();
        for (Path path : walk(root)) {
            if (!path.equals(root) && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && ExampleHosts.isEmpty(path)) {
                empty.add(relative(root, path));
            }
        }
        return empty;
    }

    /** Every path below {@code root}, links not followed, sorted. */
    static List<Path> walk(Path root)
    {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path root, Path path)
    {
        return root.relativize(path).toString().replace('\\', '/');
    }

    static String read(Path file)
    {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-line attribute without its trailing newline. */
    static String value(Path file)
    {
        String text = read(file);
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
