package io.libvfio.runtime.host;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * The host-wide lock around every operation that changes the host, and around reading the host
 * and choosing a free VF, mdev slot or passthrough GPU: an OS file lock ({@code flock} through
 * {@link FileChannel#lock()}) on {@code <run dir>/host.lock}, so two libvfio processes never
 * hand out the same slot. Reentrant per thread. Threads of one process queue on an in-process
 * lock per file first, because a JVM may hold a file lock only once.
 * <pre>{@code
 * try (HostLock.Held held = lock.acquire()) {
 *     ... read, choose, write ...
 * }
 * }</pre>
 */
public final class HostLock
{
    /** One state per lock file: the JVM refuses overlapping file locks of its own. */
    private static final Map<Path, FileState> FILES = new ConcurrentHashMap<>();

    private final Path file;
    private final FileState state;

    public HostLock(Path file)
    {
        this.file = requireNonNull(file, "file is null").toAbsolutePath().normalize();
        this.state = FILES.computeIfAbsent(this.file, path -> new FileState());
    }

    /** The lock of the host whose libvfio files are in {@code directories}. */
    public static HostLock of(RuntimeDirectories directories)
    {
        return new HostLock(directories.run().resolve("host.lock"));
    }

    public Path file()
    {
        return file;
    }

    /** Waits for the lock; a thread that holds it already gets it again at once. */
    public Held acquire()
    {
        state.threads.lock();
        if (state.threads.getHoldCount() > 1) {
            return new Held();
        }
        try {
            Files.createDirectories(file.getParent());
            FileChannel opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                state.lock = opened.lock();
            }
            catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
            state.channel = opened;
            return new Held();
        }
        catch (IOException e) {
            state.threads.unlock();
            throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "cannot lock %s: %s".formatted(file, e.getMessage()), e);
        }
        catch (RuntimeException e) {
            state.threads.unlock();
            throw e;
        }
    }

    /** Whether the calling thread holds the lock. */
    public boolean isHeldByCurrentThread()
    {
        return state.threads.isHeldByCurrentThread();
    }

    private void release()
    {
        try {
            if (state.threads.getHoldCount() == 1) {
                try {
                    state.lock.release();
                    state.channel.close();
                }
                catch (IOException e) {
                    throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "cannot unlock %s: %s".formatted(file, e.getMessage()), e);
                }
                finally {
                    state.lock = null;
                    state.channel = null;
                }
            }
        }
        finally {
            state.threads.unlock();
        }
    }

    /** The lock file's in-process side: which thread holds it, and the OS lock while one does. */
    private static final class FileState
    {
        private final ReentrantLock threads = new ReentrantLock();
        private FileChannel channel;
        private FileLock lock;
    }

    /** One acquisition; closing it releases that acquisition. */
    public final class Held
            implements AutoCloseable
    {
        private boolean open = true;

        private Held()
        {
        }

        @Override
        public void close()
        {
            if (open) {
                open = false;
                release();
            }
        }
    }
}
