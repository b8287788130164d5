package io.libvfio.examples.hosts;

import io.libvfio.testkit.SimulatedHost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The example hosts committed under {@code examples/hosts/<name>/}, and the generator that
 * (re)writes them.
 *
 * <p>Git keeps no empty directories, so a regenerated tree is pruned of them, exactly as a fresh
 * clone would have it. Only two kinds are empty on these hosts and they read the same when absent
 * (an empty listing): an mdev type's {@code devices/} with no instance yet, and
 * {@code /sys/kernel/iommu_groups} on a host without an IOMMU. {@link #isDroppableEmptyDirectory}
 * says which; the up-to-date test fails on any other empty directory.
 *
 * <p>Regenerate with {@code main} ({@code ExampleHosts [hostsDir]}) or through the test:
 * {@code mvn -o -pl examples -am verify -Dlibvfio.regenerate=true -Dtest=ExampleHostsAreUpToDateTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
public final class ExampleHosts
{
    /** System property: when {@code true}, the up-to-date test rewrites the committed trees instead of comparing. */
    public static final String REGENERATE_PROPERTY = "libvfio.regenerate";

    private static final List<ExampleHost> HOSTS = List.of(
            new IntelGvtgLaptop(),
            new NvidiaTuringDesktop(),
            new NvidiaVgpu17Server(),
            new IntelFlexSriov(),
            new AmdS7150Gim(),
            new IommuOff(),
            new CloudH100Passthrough(),
            new AmdV710Gim());

    private ExampleHosts()
    {
    }

    static List<ExampleHost> all()
    {
        return HOSTS;
    }

    public static List<String> names()
    {
        return HOSTS.stream().map(ExampleHost::name).toList();
    }

    /** Writes one host, by name, under {@code root} (created when missing), with its empty directories. */
    public static SimulatedHost write(String name, Path root)
    {
        ExampleHost host = HOSTS.stream().filter(candidate -> candidate.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no example host " + name + "; known: " + names()));
        try {
            Files.createDirectories(root);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return host.write(root);
    }

    /** Deletes and rewrites every host under {@code hostsDirectory/<name>}, pruned as git stores it. */
    public static void regenerate(Path hostsDirectory)
    {
        for (String name : names()) {
            Path root = hostsDirectory.resolve(name);
            deleteTree(root);
            write(name, root);
            pruneEmptyDirectories(root);
        }
    }

    /** The committed {@code examples/hosts} directory, from the module directory or the repository root. */
    public static Path committedDirectory()
    {
        String basedir = System.getProperty("basedir");
        List<Path> candidates = Stream.of(
                        basedir == null ? null : Path.of(basedir).resolve("hosts"),
                        Path.of("").toAbsolutePath().resolve("hosts"),
                        Path.of("").toAbsolutePath().resolve("examples/hosts"))
                .filter(path -> path != null && Files.isRegularFile(path.resolve("README.md")))
                .toList();
        if (candidates.isEmpty()) {
            throw new IllegalStateException("cannot find examples/hosts from basedir " + basedir + " or " + Path.of("").toAbsolutePath());
        }
        return candidates.get(0);
    }

    /** Whether git may drop this empty directory (path relative to a host root, '/'-separated). */
    static boolean isDroppableEmptyDirectory(String relativePath)
    {
        return relativePath.equals("sys/kernel/iommu_groups")
                || relativePath.equals("sys/bus/mdev/devices")
                || relativePath.matches("sys/devices/.*/mdev_supported_types/[^/]+/devices");
    }

    /** Removes every empty directory below {@code root} (deepest first), as a git checkout lacks them. */
    static void pruneEmptyDirectories(Path root)
    {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path directory : walk.filter(path -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                    .sorted(Comparator.reverseOrder()).toList()) {
                if (!directory.equals(root) && isEmpty(directory)) {
                    Files.delete(directory);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isEmpty(Path directory)
    {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root)
    {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ExampleHosts [hostsDir]}: regenerates every host (default: the committed examples/hosts). */
    public static void main(String[] args)
    {
        Path hostsDirectory = args.length > 0 ? Path.of(args[0]) : committedDirectory();
        long start = System.nanoTime();
        regenerate(hostsDirectory);
        System.out.printf("wrote %s under %s in %d ms%n", names(), hostsDirectory, (System.nanoTime() - start) / 1_000_000);
    }
}
