package io.libvfio.runtime.vm;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.CommandResult;
import io.libvfio.runtime.vm.spec.VmSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** A VM's disk image made with {@code qemu-img} (qcow2), never over an existing one unless asked. */
public final class VmImages
{
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final VmHost host;

    public VmImages(VmHost host)
    {
        this.host = requireNonNull(host, "host is null");
    }

    public List<String> createCommand(Path image, int sizeGib)
    {
        return List.of("qemu-img", "create", "-q", "-f", "qcow2", "-o", "preallocation=metadata", image.toString(), sizeGib + "G");
    }

    public void checkOverwrite(VmSpec spec, boolean force)
    {
        Path image = spec.storage().disk().orElseThrow();
        if (Files.exists(image) && !force) {
            throw new VfioException(StandardErrorCode.ALREADY_EXISTS, spec.where("disks[0]") + ": the disk image " + image
                    + " already exists; use --force to replace it (its contents are lost)");
        }
    }

    public void create(List<String> command, Path image)
    {
        try {
            Files.createDirectories(image.toAbsolutePath().getParent());
            Files.deleteIfExists(image);
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "cannot prepare " + image + ": " + e.getMessage(), e);
        }
        CommandResult result = host.commands().run(command, TIMEOUT);
        if (result.exitCode() != 0) {
            throw new VfioException(StandardErrorCode.COMMAND_FAILED, "qemu-img could not create " + image + ": " + result.stderr().strip());
        }
    }

    public void removeQuietly(Path image)
    {
        try {
            Files.deleteIfExists(image);
        }
        catch (IOException e) {
            // reported by the start's own error
        }
    }
}
