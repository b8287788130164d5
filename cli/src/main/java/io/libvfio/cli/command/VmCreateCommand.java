package io.libvfio.cli.command;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.args.OptionSpec;
import io.libvfio.cli.args.ParameterSpec;
import io.libvfio.runtime.vm.VmConfigFiles;
import io.libvfio.runtime.vm.VmImages;
import io.libvfio.runtime.vm.VmStarter;
import io.libvfio.runtime.vm.spec.VmSpec;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code libvfio create VM.yaml INSTALLER.iso SIZE_GB}: makes the VM's qcow2 disk with
 * {@code qemu-img} (never over an existing one without {@code --force}) and boots the installer.
 */
public final class VmCreateCommand
        implements CliCommand
{
    static final OptionSpec FORCE = OptionSpec.flag("--force", "Replace an existing disk image.");
    static final OptionSpec DRY_RUN = OptionSpec.flag("--dry-run", "Print the qemu-img command, the plan and the QEMU argv; change nothing.");
    private static final CommandSpec SPEC = new CommandSpec("create",
            "Create a VM's disk image and boot its OS installer: create VM.yaml INSTALLER.iso SIZE_GB.",
            List.of("The disk is the VM file's first disk, made as qcow2 by qemu-img; an existing image is refused unless",
                    "--force is given. The VM then starts with the installer as a CD and a VNC display on 127.0.0.1."),
            List.of(FORCE, DRY_RUN, StartCommand.DISABLE_GPU, StartCommand.ACCEL),
            List.of(new ParameterSpec("VM.yaml", "The VM file.", true), new ParameterSpec("INSTALLER.iso", "The OS installer.", true),
                    new ParameterSpec("SIZE_GB", "Disk size in GiB (1 to 65536).", true)));

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        Path file = Path.of(session.arguments().parameter(0).orElseThrow());
        Path iso = Path.of(session.arguments().parameter(1).orElseThrow());
        int sizeGib = size(session.arguments().parameter(2).orElseThrow());
        VmSpec spec = StartCommand.adjust(session, VmConfigFiles.read(file));
        if (spec.storage().disk().isEmpty()) {
            throw new VfioException(StandardErrorCode.INVALID_CONFIG, spec.where("container.kernel") + ": the VM file names no disk image to create");
        }
        if (!java.nio.file.Files.isRegularFile(iso)) {
            throw new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, "INSTALLER.iso " + iso + ": no such file");
        }
        boolean dryRun = session.arguments().has(DRY_RUN.name());
        VmImages images = new VmImages(VmSessions.host(session));
        List<String> qemuImg = images.createCommand(spec.storage().disk().get(), sizeGib);
        images.checkOverwrite(spec, session.arguments().has(FORCE.name()));
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
