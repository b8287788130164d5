package io.libvfio.cli.command;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.args.OptionSpec;
import io.libvfio.cli.args.ParameterSpec;
import io.libvfio.cli.output.Json;
import io.libvfio.cli.output.VmViews;
import io.libvfio.runtime.vm.StartResult;
import io.libvfio.runtime.vm.VmConfigFiles;
import io.libvfio.runtime.vm.VmStarter;
import io.libvfio.runtime.vm.spec.VmSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code libvfio start VM.yaml}: gives the VM its vGPUs and starts QEMU, detached, returning
 * once QMP says {@code running}; {@code --dry-run} prints the plan instead.
 */
public final class StartCommand
        implements CliCommand
{
    static final OptionSpec DRY_RUN = OptionSpec.flag("--dry-run",
            "Print the plan (vGPUs, pinning, memory, every write in order, the full QEMU argv) and start nothing.");
    static final OptionSpec DISABLE_GPU = OptionSpec.flag("--disable-gpu", "Start without the VM file's GPUs.");
    static final OptionSpec SAFE_MODE = OptionSpec.flag("--safe-mode",
            "Keep the GPUs but add an emulated VGA display on VNC (127.0.0.1), without Looking Glass or SPICE.");
    static final OptionSpec PREINSTALL = OptionSpec.flag("--preinstall",
            "Like --safe-mode, for installing the guest's drivers and tools from the VM file's ISO after the OS install.");
    static final OptionSpec ACCEL = OptionSpec.valued("--accel", "NAME",
            "kvm, tcg or auto (default: the VM file's, else auto: KVM when /dev/kvm works, else TCG with a warning).");
    private static final CommandSpec SPEC = new CommandSpec("start",
            "Start a VM from its LibVF.IO or native YAML file, with its GPU slices.",
            List.of("Returns once QEMU's QMP says 'running'; QEMU keeps running detached. Ports left out of the file are",
                    "chosen free; SPICE and VNC listen on 127.0.0.1 only. If QEMU fails to start, every vGPU made for it is",
                    "destroyed and drivers restored before the error (with QEMU's own message) is shown."),
            List.of(DRY_RUN, DISABLE_GPU, SAFE_MODE, PREINSTALL, ACCEL),
            List.of(new ParameterSpec("VM.yaml", "The VM file (LibVF.IO's arcd format or libvfio's native one).", true)));

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        VmSpec spec = adjust(session, load(session, Path.of(session.arguments().parameter(0).orElseThrow())));
        boolean dryRun = session.arguments().has(DRY_RUN.name());
        boolean safe = session.arguments().has(SAFE_MODE.name()) || session.arguments().has(PREINSTALL.name());
        StartResult result = new VmStarter(VmSessions.host(session)).start(spec, dryRun, safe);
        print(session, result);
    }

    /** Reads the VM file under the root's paths and shows the loader's warnings. */
    static VmSpec load(Session session, Path file)
    {
        VmConfigFiles.Loaded loaded = VmConfigFiles.read(file, session.runtime().paths().root());
        for (String warning : loaded.warnings()) {
            session.warn(warning);
        }
        return loaded.spec();
    }

    /** Applies the flags: --disable-gpu, --safe-mode/--preinstall, --accel. */
    static VmSpec adjust(Session session, VmSpec spec)
    {
        VmSpec adjusted = spec;
        if (session.arguments().has(DISABLE_GPU.name())) {
            adjusted = adjusted.withGpus(List.of());
        }
        if (session.arguments().has(SAFE_MODE.name()) || session.arguments().has(PREINSTALL.name())) {
            adjusted = adjusted.withDisplay(new VmSpec.Display(false, OptionalInt.empty(), true, adjusted.display().vncPort(), false))
                    .withIntrospection(new VmSpec.Introspection(Optional.empty(), false, VmSpec.Audio.NONE, false));
        }
        Optional<String> accel = session.arguments().value(ACCEL.name());
        if (accel.isPresent()) {
            VmSpec.Accel mode = switch (accel.get()) {
                case "kvm" -> VmSpec.Accel.KVM;
                case "tcg" -> VmSpec.Accel.TCG;
                case "auto" -> VmSpec.Accel.AUTO;
                default -> throw new VfioException(StandardErrorCode.INVALID_ARGUMENT, "--accel " + accel.get() + ": expected kvm, tcg or auto");
            };
            VmSpec.Machine machine = adjusted.machine();
            adjusted = adjusted.withMachine(new VmSpec.Machine(machine.memoryMib(), machine.sockets(), machine.cores(), machine.threads(),
                    machine.showHypervisor(), machine.firmware(), machine.tpm(), mode));
        }
        return adjusted;
    }

    static void print(Session session, StartResult result)
    {
        if (session.json()) {
            Map<String, Object> document = Json.document();
            document.putAll(VmViews.start(result));
            Json.print(session.out(), document);
            return;
        }
        VmSessions.notes(session, result.notes());
        for (String warning : result.warnings()) {
            session.warn(warning);
        }
        PrintWriter out = session.out();
        if (result.dryRun()) {
            out.println("Would start " + result.name() + " (dry run: nothing was changed).");
        }
        else {
            out.println("Started " + result.name() + " (pid " + result.pid().getAsLong() + ", " + result.accelerator() + ").");
        }
        out.println("  vGPUs:    " + (result.gpuRequests().isEmpty() ? "none" : String.join("; ", result.vgpus().isEmpty()
                ? result.gpuRequests() : result.vgpus().stream().map(vgpu -> vgpu.description()).toList())));
        out.println("  memory:   " + result.memory());
        out.println("  pinning:  " + result.pinning());
        out.println("  ports:    " + VmViews.portsText(result.ports()));
        out.println("  QMP:      " + result.qmpSocket());
        out.println("  log:      " + result.log());
        if (result.dryRun()) {
            out.println("Writes, in order:");
            for (String write : result.writes()) {
                out.println("  " + write);
            }
            out.println("QEMU argv:");
            for (String argument : result.argv()) {
                out.println("  " + argument);
            }
        }
        out.flush();
    }
}
