package io.libvfio.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Copies an example host into a scratch directory, links as links, so that a test may change it. */
final class HostCopy
{
    static final Path HOSTS = Path.of("../examples/hosts");

    private HostCopy()
    {
    }

    static Path of(String host, Path target)
    {
        Path source = HOSTS.resolve(host);
        try (Stream<Path> walk = Files.walk(source)) {
            List<Path> paths = walk.sorted().toList();
            for (Path path : paths) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isSymbolicLink(path)) {
                    Files.createDirectories(copy.getParent());
                    Files.createSymbolicLink(copy, Files.readSymbolicLink(path));
                }
                else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(copy);
                }
                else {
                    Files.createDirectories(copy.getParent());
                    Files.copy(path, copy);
                }
            }
            Files.createDirectories(target.resolve("sys/kernel/iommu_groups"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
