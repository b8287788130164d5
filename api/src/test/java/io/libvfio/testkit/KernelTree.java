package io.libvfio.testkit;

import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Root-relative path to the canonical path it resolved to when last resolved; checked before each use. */
    private final Map<String, String> canonicals = new ConcurrentHashMap<>();

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

    /**
     * The canonical root-relative path of an existing file, or empty when it does not exist or lies outside the root.
     *
     * <p>Resolving every link of a path is the costliest thing the fake kernel does per read, so an
     * answer is remembered and reused while it still holds: while the path (links followed) still
     * reaches the very file (device and inode) that the remembered canonical path names. A link
     * moved since, or a file deleted or replaced, fails that check and the path is resolved again,
     * so changes made behind the kernel's back (through {@link SimulatedHost}) are seen as before.
     */
    Optional<String> canonical(String relative)
    {
        return canonical(relative, null);
    }

    /** {@link #canonical(String)} for a caller that already has the file's key ({@code stat} with links followed), or null. */
    Optional<String> canonical(String relative, Object fileKey)
    {
        String known = canonicals.get(relative);
        if (known != null) {
            try {
                Object key = fileKey != null ? fileKey : Files.readAttributes(path(relative), BasicFileAttributes.class).fileKey();
                if (key != null && key.equals(Files.readAttributes(path(known), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey())) {
                    return Optional.of(known);
                }
            }
            catch (IOException e) {
                // gone or moved: resolve again below
            }
            canonicals.remove(relative, known);
        }
        try {
            Path real = path(relative).toRealPath();
            if (!real.startsWith(root)) {
                return Optional.empty();
            }
            String canonical = root.relativize(real).toString();
            canonicals.put(relative, canonical);
            return Optional.of(canonical);
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

    /** The file's text without one trailing newline; empty when missing (or not a regular file). */
    Optional<String> value(String relative)
    {
        Optional<byte[]> bytes = bytes(relative);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            // Strict, as Files.readString: bytes that are not UTF-8 are an error, not replaced.
            return Optional.of(KernelStrings.chomp(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.get())).toString()));
        }
        catch (CharacterCodingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A regular file's bytes; empty when it is missing or not a regular file. Read straight away
     * (no {@code stat} first): the fake kernel reads thousands of attributes per command on a large host.
     */
    Optional<byte[]> bytes(String relative)
    {
        Path file = path(relative);
        try {
            return Optional.of(readAll(file));
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        catch (IOException e) {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A file's bytes: {@code Files.readAllBytes} without its {@code fstat} (sysfs attributes are
     * small; the buffer grows for a larger file), the one read the fake kernel makes most.
     */
    static byte[] readAll(Path file)
            throws IOException
    {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.read(buffer) >= 0) {
                if (!buffer.hasRemaining()) {
                    buffer = ByteBuffer.allocate(buffer.capacity() * 2).put(buffer.flip());
                }
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /** Stores an attribute as {@code sysfs_emit("%s\n")} would show it. */
    void store(String relative, String value)
    {
        writeText(relative, value + "\n");
    }

    /**
     * Replaces a file's content (creating it and its directories when missing). Written over the
     * old bytes, then cut to length, rather than truncated to zero first: ext4 starts writeback
     * when a file truncated to zero is closed ({@code auto_da_alloc}), which made every store cost
     * a disk request.
     */
    void writeText(String relative, String text)
    {
        Path file = path(relative);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            try {
                overwrite(file, bytes);
            }
            catch (NoSuchFileException e) {
                Files.createDirectories(file.getParent());
                overwrite(file, bytes);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void overwrite(Path file, byte[] bytes)
            throws IOException
    {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.truncate(bytes.length);
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

    /**
     * Entry names of a directory in no particular order, empty when it is not a directory: one
     * {@code readdir} without a {@code Path} per entry ({@code File.list}), for callers that look
     * at every name on every write.
     */
    List<String> unsortedNames(String relative)
    {
        String[] names = path(relative).toFile().list();
        return names == null ? List.of() : Arrays.asList(names);
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
