package io.libvfio.runtime.doctor;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;

/** {@link DeviceFiles} on this machine's file system. */
public final class LocalDeviceFiles
        implements DeviceFiles
{
    @Override
    public OpenResult openReadWrite(Path file)
    {
        // READ and WRITE without CREATE: a missing device node is never created as a plain file
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return channel.isOpen() ? OpenResult.OPENED : OpenResult.FAILED;
        }
        catch (NoSuchFileException e) {
            return OpenResult.MISSING;
        }
        catch (AccessDeniedException e) {
            return OpenResult.PERMISSION_DENIED;
        }
        catch (IOException | UnsupportedOperationException e) {
            return OpenResult.FAILED;
        }
    }

    @Override
    public Optional<FileMode> mode(Path file)
    {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
            int bits = 0;
            for (PosixFilePermission permission : attributes.permissions()) {
                bits |= bit(permission);
            }
            return Optional.of(new FileMode(attributes.owner().getName(), attributes.group().getName(), bits));
        }
        catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static int bit(PosixFilePermission permission)
    {
        return switch (permission) {
            case OWNER_READ -> 0400;
            case OWNER_WRITE -> 0200;
            case OWNER_EXECUTE -> 0100;
            case GROUP_READ -> 040;
            case GROUP_WRITE -> 020;
            case GROUP_EXECUTE -> 010;
            case OTHERS_READ -> 04;
            case OTHERS_WRITE -> 02;
            case OTHERS_EXECUTE -> 01;
        };
    }
}
