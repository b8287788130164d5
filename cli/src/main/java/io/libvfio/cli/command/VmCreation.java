package io.libvfio.cli.command;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.vm.VmImages;
import io.libvfio.runtime.vm.VmStarter;
import io.libvfio.runtime.vm.spec.VmSpec;

import java.nio.file.Path;
import java.util.List;

/**
 * The VM form of {@code create} ({@link CreateCommand} dispatches here when its first argument
 * is a VM file): {@code create VM.yaml INSTALLER.iso SIZE_GB} makes the VM's qcow2 disk with
 * {@code qemu-img} (never over an existing one without {@code --force}) and boots the installer.
 */
final class VmCreation
{
    void run(Session session)
    {
        Path file = Path.of(session.arguments().parameter(0).orElseThrow());
        Path iso = Path.of(session.arguments().parameter(1).orElseThrow());
        int sizeGib = size(session.arguments().parameter(2).orElseThrow());
        VmSpec spec = StartCommand.adjust(session, StartCommand.load(session, file));
        if (spec.storage().disk().isEmpty()) {
            throw new VfioException(StandardErrorCode.INVALID_CONFIG, spec.where("disks[0]") + ": the VM file names no disk image to create");
        }
        if (!java.nio.file.Files.isRegularFile(iso)) {
            throw new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, "INSTALLER.iso " + iso + ": no such file");
        }
        boolean dryRun = session.arguments().has(MutationOptions.DRY_RUN.name());
        VmImages images = new VmImages(VmSessions.host(session));
        List<String> qemuImg = images.createCommand(spec.storage().disk().get(), sizeGib);
        images.checkOverwrite(spec, session.arguments().has(CreateCommand.FORCE.name()));
        VmSpec installing = spec.withStorage(new VmSpec.Storage(spec.storage().disk(), spec.storage().extraDisks(), java.util.Optional.of(iso), spec.storage().bus()))
                .withDisplay(new VmSpec.Display(false, java.util.OptionalInt.empty(), true, spec.display().vncPort(), false));
        if (dryRun) {
            session.out().println("Would run: " + String.join(" ", qemuImg));
            session.out().flush();
            StartCommand.print(session, new VmStarter(VmSessions.host(session)).start(installing, true, true));
            return;
        }
        images.create(qemuImg, spec.storage().disk().get());
        try {
            StartCommand.print(session, new VmStarter(VmSessions.host(session)).start(installing, false, true));
        }
        catch (RuntimeException e) {
            images.removeQuietly(spec.storage().disk().get());
            throw e;
        }
    }

    private static int size(String text)
    {
        try {
            int size = Integer.parseInt(text);
            if (size >= 1 && size <= 65_536) {
                return size;
            }
        }
        catch (NumberFormatException e) {
            // below
        }
        throw new VfioException(StandardErrorCode.INVALID_ARGUMENT, "SIZE_GB " + text + ": expected a whole number of GiB from 1 to 65536");
    }
}
