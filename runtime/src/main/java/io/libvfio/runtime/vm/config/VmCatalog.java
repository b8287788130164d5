package io.libvfio.runtime.vm.config;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The VM files and disk images in a user's {@link VmDirectories}, for {@code libvfio ls}: each VM
 * file read (a broken one is listed with its first problem, never hidden), each image with its size.
 */
public final class VmCatalog
{
    private static final List<String> IMAGE_EXTENSIONS = List.of(".qcow2", ".img", ".raw", ".iso", ".arc");

    /** A VM file and what reading it gave. */
    public record VmEntry(Path file, ConfigCheck check)
    {
        public VmEntry
        {
            requireNonNull(file, "file is null");
            requireNonNull(check, "check is null");
        }

        /** The size of the VM's boot disk; empty when it has none or the file is missing. */
        public OptionalLong bootDiskBytes()
        {
            return check.config().filter(config -> !config.storage().disks().isEmpty())
                    .map(config -> size(config.storage().disks().get(0).path())).orElse(OptionalLong.empty());
        }
    }

    /** A disk image or ISO and its size in bytes. */
    public record ImageEntry(Path file, long bytes)
    {
        public ImageEntry
        {
            requireNonNull(file, "file is null");
        }
    }

    private final VmDirectories directories;
    private final VmConfigLoader loader;

    public VmCatalog(VmDirectories directories, VmConfigLoader loader)
    {
        this.directories = requireNonNull(directories, "directories is null");
        this.loader = requireNonNull(loader, "loader is null");
    }

    public VmDirectories directories()
    {
        return directories;
    }

    public List<VmEntry> vms()
    {
        List<VmEntry> entries = new ArrayList<>();
        for (Path file : files(directories.vms())) {
            String name = file.getFileName().toString();
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                entries.add(new VmEntry(file, loader.check(file)));
            }
        }
        return entries;
    }

    public List<ImageEntry> images()
    {
        List<ImageEntry> entries = new ArrayList<>();
        for (Path file : files(directories.images())) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (IMAGE_EXTENSIONS.stream().anyMatch(name::endsWith)) {
                size(file).ifPresent(bytes -> entries.add(new ImageEntry(file, bytes)));
            }
        }
        return entries;
    }

    private static List<Path> files(Path directory)
    {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> Files.isRegularFile(file)).sorted().toList();
        }
        catch (NoSuchFileException e) {
            return List.of();
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, "cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    static OptionalLong size(Path file)
    {
        try {
            return Files.isRegularFile(file) ? OptionalLong.of(Files.size(file)) : OptionalLong.empty();
        }
        catch (IOException e) {
            return OptionalLong.empty();
        }
    }
}
