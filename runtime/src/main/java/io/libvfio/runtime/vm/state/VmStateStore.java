package io.libvfio.runtime.vm.state;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.vm.spec.VmName;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The state files of running VMs ({@code <run>/vms/NAME.json}), written atomically (temporary
 * file, then rename) and read back; {@link #lock} takes the OS file lock that every command
 * holds while it reads or changes them, so two commands never hand out the same port or
 * clean up the same VM twice.
 */
public final class VmStateStore
{
    private final Path directory;

    public VmStateStore(Path directory)
    {
        this.directory = requireNonNull(directory, "directory is null");
    }

    public Path directory()
    {
        return directory;
    }

    public Path file(VmName name)
    {
        return directory.resolve(name.value() + ".json");
    }

    /** Waits for the exclusive lock on the VM states; close it to release. */
    public Lock lock()
    {
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new Lock(channel, channel.lock());
            }
            catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "cannot lock the VM states in " + directory + ": " + e.getMessage(), e);
        }
    }

    public void write(VmState state)
    {
        Path target = file(state.name());
        Path temporary = directory.resolve("." + state.name().value() + ".json.tmp");
        try {
            Files.createDirectories(directory);
            Files.writeString(temporary, VmStateCodec.write(state), StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    public Optional<VmState> read(VmName name)
    {
        Path file = file(name);
        try {
            return Optional.of(VmStateCodec.read(Files.readString(file, StandardCharsets.UTF_8)));
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED, file + ": " + e.getMessage(), e);
        }
    }

    /** Every VM with a state file, by name; a malformed file is reported in {@code broken}. */
    public List<VmState> list(List<String> broken)
    {
        List<VmState> states = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return states;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.json")) {
            for (Path entry : entries) {
                files.add(entry);
            }
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, "cannot list " + directory + ": " + e.getMessage(), e);
        }
        files.sort(null);
        for (Path file : files) {
            try {
                states.add(VmStateCodec.read(Files.readString(file, StandardCharsets.UTF_8)));
            }
            catch (IOException e) {
                broken.add(file + ": " + e.getMessage());
            }
        }
        return states;
    }

    public void delete(VmName name)
    {
        try {
            Files.deleteIfExists(file(name));
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "cannot delete " + file(name) + ": " + e.getMessage(), e);
        }
    }

    /** The held lock. */
    public static final class Lock
            implements AutoCloseable
    {
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(FileChannel channel, FileLock lock)
        {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close()
        {
            try {
                lock.release();
                channel.close();
            }
            catch (IOException e) {
                throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "cannot release the VM state lock: " + e.getMessage(), e);
            }
        }
    }
}
