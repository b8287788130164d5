package io.libvfio.runtime.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.libvfio.api.Errno;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes attributes with libc {@code open(O_WRONLY|O_TRUNC)}/{@code write}/{@code close} through JNA, as a shell's {@code >} does, so a refused
 * write reports the exact errno. Falls back to NIO (errno recovered from the message) where the
 * native library cannot be loaded.
 */
public final class LibcAttributeWriter
        implements AttributeWriter
{
    private static final int O_WRONLY = 1;
    private static final int O_TRUNC = 0x200;
    private static final int O_CLOEXEC = 0x80000;

    interface CLibrary
            extends Library
    {
        int open(String path, int flags) throws LastErrorException;

        long write(int fd, byte[] buffer, long count) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    @Override
    public void write(String hostPath, Path file, byte[] value)
    {
        CLibrary libc = Holder.LIBC;
        if (libc == null) {
            writeWithNio(hostPath, file, value);
            return;
        }
        int fd;
        try {
            fd = libc.open(file.toString(), O_WRONLY | O_TRUNC | O_CLOEXEC);
        }
        catch (LastErrorException e) {
            throw refused(hostPath, value, e);
        }
        try {
            long written = libc.write(fd, value, value.length);
            if (written != value.length) {
                throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "short write to %s: %d of %d bytes".formatted(hostPath, written, value.length));
            }
        }
        catch (LastErrorException e) {
            throw refused(hostPath, value, e);
        }
        finally {
            libc.close(fd);
        }
    }

    private static VfioException refused(String hostPath, byte[] value, LastErrorException e)
    {
        Errno errno = Errno.ofNumber(e.getErrorCode()).orElse(Errno.EIO);
        return AttributeWriter.refused(hostPath, new String(value, StandardCharsets.UTF_8), errno, e);
    }

    private static void writeWithNio(String hostPath, Path file, byte[] value)
    {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(value);
        }
        catch (NoSuchFileException e) {
            throw AttributeWriter.refused(hostPath, new String(value, StandardCharsets.UTF_8), Errno.ENOENT, e);
        }
        catch (IOException e) {
            Errno errno = Errno.ofText(e.getMessage()).orElse(Errno.EIO);
            throw AttributeWriter.refused(hostPath, new String(value, StandardCharsets.UTF_8), errno, e);
        }
    }

    private static final class Holder
    {
        static final CLibrary LIBC = load();

        private static CLibrary load()
        {
            try {
                return Native.load("c", CLibrary.class);
            }
            catch (UnsatisfiedLinkError | RuntimeException e) {
                return null;
            }
        }
    }
}
