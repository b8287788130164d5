package io.libvfio.runtime.host;

import io.libvfio.api.Errno;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.Arrays;
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
    private static final ThreadLocal<byte[]> BUFFER = new ThreadLocal<>()
    {
        @Override
        protected byte[] initialValue()
        {
            return new byte[4096];
        }
    };

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
        return new File(paths.file(path)).exists();
    }

    @Override
    public boolean isDirectory(String path)
    {
        return new File(paths.file(path)).isDirectory();
    }

    @Override
    public Optional<String> read(String path)
    {
        // java.io into a per-thread buffer: open, read, close; no size probe and no Path objects.
        // This is discovery's hot loop (about five attributes per PCI function). A sysfs
        // attribute comes whole from one read (the kernel formats it into one page), so under
        // /sys a short read is the end; elsewhere (procfs, regular files) read to end of file.
        File file = new File(paths.file(path));
        boolean sysfs = path.startsWith("/sys/");
        byte[] buffer = BUFFER.get();
        int length = 0;
        try (FileInputStream in = new FileInputStream(file)) {
            int count;
            while ((count = in.read(buffer, length, buffer.length - length)) > 0) {
                length += count;
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    BUFFER.set(buffer);
                }
                else if (sysfs) {
                    break;
                }
            }
        }
        catch (FileNotFoundException e) {
            if (!file.exists()) {
                return Optional.empty();
            }
            throw unreadable(path, e);
        }
        catch (IOException e) {
            throw unreadable(path, e);
        }
        if (length > 0 && buffer[length - 1] == '\n') {
            length--;
        }
        return Optional.of(new String(buffer, 0, length, StandardCharsets.UTF_8));
    }

    private static VfioException unreadable(String path, IOException e)
    {
        String reason = reason(e);
        if (reason.contains("Permission denied")) {
            return new VfioException(StandardErrorCode.ACCESS_DENIED, "cannot read %s: permission denied".formatted(path), Errno.EACCES, e);
        }
        return new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, "cannot read %s: %s".formatted(path, reason), Errno.ofText(reason).orElse(null), e);
    }

    @Override
    public String readRequired(String path)
    {
        Optional<String> value = read(path);
        if (value.isEmpty()) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, "cannot read " + path + ": no such file");
        }
        return value.get();
    }

    @Override
    public List<String> list(String directory)
    {
        File file = new File(paths.file(directory));
        String[] names = file.list();
        if (names == null) {
            if (file.exists() && file.isDirectory()) {
                throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, "cannot list %s".formatted(directory));
            }
            return List.of();
        }
        Arrays.sort(names);
        return Arrays.asList(names);
    }

    @Override
    public Optional<String> readLink(String path)
    {
        Path link = paths.resolve(path);
        // readlink straight away: one system call for a link, and an absent one fails as the
        // lstat of Files.isSymbolicLink would (both throw inside the JDK for a missing file).
        try {
            return Optional.of(Files.readSymbolicLink(link).toString());
        }
        catch (NotLinkException | NoSuchFileException e) {
            return Optional.empty();
        }
        catch (IOException e) {
            // Any other failure: what the lstat says decides, as before.
            if (!Files.isSymbolicLink(link)) {
                return Optional.empty();
            }
            throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, "cannot read link " + path + ": " + reason(e), e);
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
