package io.libvfio.testkit;

import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * File-system primitives of the fake kernel over a simulated host, all with root-relative
 * paths ({@code sys/bus/pci/devices/0000:01:00.0/vendor}). Intermediate links are followed,
 * as the kernel's VFS would.
 */
final class KernelTree
{
    private final Path root;
    private final SimulatedHost host;

    KernelTree(SimulatedHost host)
    {
        this.host = requireNonNull(host, "host is null");
        try {
            this.root = host.root().toRealPath();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks a host path as the production {@code HostFs} does (absolute; no {@code .}, {@code ..}
     * or empty segments; no NUL) and returns it relative to the root.
     */
    static String checkedRelative(String hostPath)
    {
        if (hostPath == null || hostPath.length() < 2 || hostPath.charAt(0) != '/') {
            throw invalid(hostPath, "not an absolute path");
        }
        if (hostPath.indexOf('\0') >= 0) {
            throw invalid(hostPath, "contains NUL");
        }
        for (String segment : hostPath.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw invalid(hostPath, "'.', '..' and empty segments are not allowed");
            }
        }
        return hostPath.substring(1);
    }

    private static VfioException invalid(String hostPath, String why)
    {
        return new VfioException(StandardErrorCode.INVALID_ARGUMENT, "refusing host path '%s': %s".formatted(hostPath, why));
    }

    Path root()
    {
        return root;
    }

    SimulatedHost host()
    {
        return host;
    }

    Path path(String relative)
    {
        return root.resolve(relative);
    }

    /** The canonical root-relative path of an existing file, or empty when it does not exist or lies outside the root. */
    Optional<String> canonical(String relative)
    {
        try {
            Path real = path(relative).toRealPath();
            if (!real.startsWith(root)) {
                return Optional.empty();
            }
            return Optional.of(root.relativize(real).toString());
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    boolean exists(String relative)
    {
        return Files.exists(path(relative));
    }

    boolean entryExists(String relative)
    {
        return Files.exists(path(relative), LinkOption.NOFOLLOW_LINKS);
    }

    boolean isDirectory(String relative)
    {
        return Files.isDirectory(path(relative));
    }

    /** The file's text without one trailing newline; empty when missing. */
    Optional<String> value(String relative)
    {
        Path file = path(relative);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(KernelStrings.chomp(Files.readString(file, StandardCharsets.UTF_8)));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores an attribute as {@code sysfs_emit("%s\n")} would show it. */
    void store(String relative, String value)
    {
        writeText(relative, value + "\n");
    }

    void writeText(String relative, String text)
    {
        try {
            Path file = path(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last name of a link's target, or empty when the path is not a link. */
    Optional<String> linkName(String relative)
    {
        return Optional.ofNullable(host.linkName(relative));
    }

    void link(String linkPath, String targetPath)
    {
        host.link(linkPath, targetPath);
    }

    void mkdirs(String relative)
    {
        try {
            Files.createDirectories(path(relative));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a file, link or empty directory, if present. */
    void delete(String relative)
    {
        try {
            Files.deleteIfExists(path(relative));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteTree(String relative)
    {
        SimulatedHost.deleteTree(path(relative));
    }

    /** Entry names of a directory, sorted; empty when it does not exist. */
    List<String> names(String relative)
    {
        Path directory = path(relative);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            List<String> names = new ArrayList<>(entries.map(entry -> entry.getFileName().toString()).toList());
            Collections.sort(names);
            return names;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every PCI function on the bus, sorted. */
    List<PciAddress> pciFunctions()
    {
        return names("sys/bus/pci/devices").stream().filter(PciAddress::isValid).map(PciAddress::parse).sorted().toList();
    }

    /** True when {@code bdf} is exactly the name of a PCI function on the bus (the kernel compares names, not addresses). */
    boolean pciFunctionExists(String bdf)
    {
        return PciAddress.isValid(bdf) && PciAddress.parse(bdf).toString().equals(bdf) && exists("sys/bus/pci/devices/" + bdf);
    }

    /** The real directory of a PCI function, root-relative. */
    String deviceDirectory(PciAddress address)
    {
        return root.relativize(host.realDevice(address)).toString();
    }

    /** Every file, directory and link under the root with its content or target. */
    SortedMap<String, String> snapshot()
    {
        SortedMap<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path entry : walk.toList()) {
                String relative = root.relativize(entry).toString();
                if (relative.isEmpty()) {
                    continue;
                }
                if (Files.isSymbolicLink(entry)) {
                    entries.put(relative, "-> " + Files.readSymbolicLink(entry));
                }
                else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(relative, "<dir>");
                }
                else {
                    entries.put(relative, new String(Files.readAllBytes(entry), StandardCharsets.ISO_8859_1));
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
