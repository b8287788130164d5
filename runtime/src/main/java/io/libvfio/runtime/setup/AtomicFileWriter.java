package io.libvfio.runtime.setup;

import io.libvfio.api.Errno;
import io.libvfio.api.ErrorCode;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.host.HostPaths;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Writes setup's files under the root so that each is either wholly old or wholly new: first
 * every new content goes to a temporary file next to its target (flushed to disk, with the
 * target's permissions), and only when all of them are written are they renamed over their
 * targets, atomically. If any temporary file cannot be written (a read-only file system, a
 * directory the user may not write), every temporary file is removed again and nothing has
 * changed. A target that no longer holds what the plan saw is not overwritten.
 */
public final class AtomicFileWriter
{
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private final HostPaths paths;
    private final ContentWriter contents;

    /** Puts bytes into a fresh temporary file: the step a read-only target fails at. */
    @FunctionalInterface
    interface ContentWriter
    {
        void write(Path temporary, byte[] content)
                throws IOException;
    }

    public AtomicFileWriter(HostPaths paths)
    {
        this(paths, AtomicFileWriter::writeAndSync);
    }

    AtomicFileWriter(HostPaths paths, ContentWriter contents)
    {
        this.paths = requireNonNull(paths, "paths is null");
        this.contents = requireNonNull(contents, "contents is null");
    }

    private record Staged(FileChange change, Path target, Path temporary)
    {
    }

    /** Writes every change, or none; returns the host paths written. */
    public List<String> apply(List<FileChange> changes)
    {
        List<Staged> staged = new ArrayList<>();
        List<Path> createdDirectories = new ArrayList<>();
        try {
            for (FileChange change : changes) {
                staged.add(stage(change, createdDirectories));
            }
        }
        catch (VfioException e) {
            discard(staged, createdDirectories);
            throw e;
        }
        List<String> written = new ArrayList<>();
        for (int index = 0; index < staged.size(); index++) {
            Staged file = staged.get(index);
            try {
                Files.move(file.temporary(), file.target(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                written.add(file.change().path());
            }
            catch (IOException e) {
                discard(staged.subList(index, staged.size()), List.of());
                String done = written.isEmpty() ? "nothing was written" : "already written (whole): " + String.join(", ", written);
                throw failure(file.change().path(), e, done + "; not written: " + String.join(", ", pathsOf(staged.subList(index, staged.size()))));
            }
        }
        for (Staged file : staged) {
            syncDirectory(file.target().getParent());
        }
        return written;
    }

    private Staged stage(FileChange change, List<Path> createdDirectories)
    {
        Path target = target(change.path());
        Optional<String> current = current(change.path(), target);
        if (!current.equals(change.before())) {
            throw new VfioException(StandardErrorCode.DEVICE_BUSY, "%s changed since setup read it; run setup again (nothing was written)".formatted(change.path()));
        }
        Path temporary = null;
        try {
            createDirectories(target.getParent(), createdDirectories);
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".libvfio-tmp");
            contents.write(temporary, change.after().getBytes(StandardCharsets.UTF_8));
            Files.setPosixFilePermissions(temporary, Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE);
            return new Staged(change, target, temporary);
        }
        catch (IOException | UnsupportedOperationException e) {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
            throw failure(change.path(), e, "nothing was written");
        }
    }

    /** The file to replace: the target itself, or, for a link, the file it points to, which must be under the root. */
    private Path target(String hostPath)
    {
        Path target = paths.resolve(hostPath);
        if (!Files.isSymbolicLink(target)) {
            return target;
        }
        try {
            Path real = target.toRealPath();
            if (!real.startsWith(paths.root().toRealPath())) {
                throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "%s links to %s, outside the root; not writing it".formatted(hostPath, real));
            }
            return real;
        }
        catch (IOException e) {
            throw failure(hostPath, e, "nothing was written");
        }
    }

    private static Optional<String> current(String hostPath, Path target)
    {
        try {
            return Optional.of(Files.readString(target, StandardCharsets.UTF_8));
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        catch (IOException e) {
            throw failure(hostPath, e, "nothing was written");
        }
    }

    private static void createDirectories(Path directory, List<Path> created)
            throws IOException
    {
        List<Path> missing = new ArrayList<>();
        for (Path path = directory; path != null && !Files.exists(path, LinkOption.NOFOLLOW_LINKS); path = path.getParent()) {
            missing.add(0, path);
        }
        for (Path path : missing) {
            Files.createDirectory(path);
            created.add(path);
        }
    }

    private static void writeAndSync(Path temporary, byte[] content)
            throws IOException
    {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private static void syncDirectory(Path directory)
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException | UnsupportedOperationException e) {
            // best effort: the rename itself is atomic
        }
    }

    private static void discard(List<Staged> staged, List<Path> createdDirectories)
    {
        for (Staged file : staged) {
            deleteQuietly(file.temporary());
        }
        for (int index = createdDirectories.size() - 1; index >= 0; index--) {
            deleteQuietly(createdDirectories.get(index));
        }
    }

    private static void deleteQuietly(Path path)
    {
        try {
            Files.deleteIfExists(path);
        }
        catch (IOException e) {
            // a leftover temporary file holds nothing a target needs
        }
    }

    private static List<String> pathsOf(List<Staged> staged)
    {
        List<String> names = new ArrayList<>();
        for (Staged file : staged) {
            names.add(file.change().path());
        }
        return names;
    }

    private static VfioException failure(String hostPath, Exception e, String outcome)
    {
        String reason = e instanceof FileSystemException system && system.getReason() != null ? system.getReason()
                : e instanceof AccessDeniedException ? "Permission denied" : String.valueOf(e.getMessage());
        Optional<Errno> errno = Errno.ofText(reason);
        ErrorCode code = e instanceof AccessDeniedException || errno.filter(value -> value == Errno.EACCES || value == Errno.EPERM).isPresent()
                ? StandardErrorCode.ACCESS_DENIED : StandardErrorCode.HOST_WRITE_FAILED;
        return new VfioException(code, "cannot write %s: %s (%s)".formatted(hostPath, reason, outcome), errno.orElse(null), e);
    }
}
