package io.libvfio.runtime.host;

import io.libvfio.api.Errno;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@link HostFs} over the real file system under a {@link HostPaths} root: the machine's own
 * {@code /}, a simulated host tree, or a real kernel's sysfs in a test VM.
 */
public final class LocalHostFs
        implements HostFs
{
    private final HostPaths paths;
    private final AttributeWriter writer;

    public LocalHostFs(HostPaths paths, AttributeWriter writer)
    {
        this.paths = requireNonNull(paths, "paths is null");
        this.writer = requireNonNull(writer, "writer is null");
    }

    @Override
    public boolean exists(String path)
    {
        return Files.exists(paths.resolve(path));
    }

    @Override
    public boolean isDirectory(String path)
    {
        return Files.isDirectory(paths.resolve(path));
    }

    @Override
    public Optional<String> read(String path)
    {
        Path file = paths.resolve(path);
        try {
            byte[] bytes = Files.readAllBytes(file);
            int length = bytes.length;
            if (length > 0 && bytes[length - 1] == '\n') {
                length--;
            }
            return Optional.of(new String(bytes, 0, length, StandardCharsets.UTF_8));
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        catch (AccessDeniedException e) {
            throw new VfioException(StandardErrorCode.ACCESS_DENIED, "cannot read %s: permission denied".formatted(path), Errno.EACCES, e);
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, "cannot read %s: %s".formatted(path, reason(e)), Errno.ofText(e.getMessage()).orElse(null), e);
        }
    }

    @Override
    public String readRequired(String path)
    {
        return read(path).orElseThrow(() -> new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE,
                "cannot read %s: no such file".formatted(path)));
    }

    @Override
    public List<String> list(String directory)
    {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(paths.resolve(directory))) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        }
        catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, "cannot list %s: %s".formatted(directory, reason(e)), e);
        }
        Collections.sort(names);
        return names;
    }

    @Override
    public Optional<String> readLink(String path)
    {
        Path link = paths.resolve(path);
        try {
            return Optional.of(Files.readSymbolicLink(link).toString());
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        catch (java.nio.file.NotLinkException e) {
            return Optional.empty();
        }
        catch (IOException e) {
            if (!Files.isSymbolicLink(link) && Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, "cannot read link %s: %s".formatted(path, reason(e)), e);
        }
    }

    @Override
    public void write(String path, String value)
    {
        requireNonNull(value, "value is null");
        writer.write(path, paths.resolve(path), value.getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(IOException e)
    {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
