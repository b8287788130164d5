package io.libvfio.cli.command;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.args.OptionSpec;
import io.libvfio.cli.args.ParameterSpec;
import io.libvfio.cli.output.Json;
import io.libvfio.cli.output.VmViews;
import io.libvfio.runtime.vm.RunningVm;
import io.libvfio.runtime.vm.RunningVms;
import io.libvfio.runtime.vm.StopResult;
import io.libvfio.runtime.vm.VmHost;
import io.libvfio.runtime.vm.VmStopper;
import io.libvfio.runtime.vm.spec.VmName;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code libvfio stop VM}: ACPI power button over QMP, a timeout, then QMP quit; then the VM's vGPUs and files are released. */
public final class StopCommand
        implements CliCommand
{
    static final int DEFAULT_TIMEOUT_SECONDS = 60;
    static final OptionSpec TIMEOUT = OptionSpec.valued("--timeout", "SECONDS",
            "How long the guest may take to shut down after the ACPI power button before QEMU is told to quit (default 60).");
    static final OptionSpec FORCE = OptionSpec.flag("--force", "Quit QEMU at once, without asking the guest to shut down.");
    static final OptionSpec DRY_RUN = OptionSpec.flag("--dry-run", "Show what would be done, and do nothing.");
    private static final CommandSpec SPEC = new CommandSpec("stop",
            "Stop a running VM: ACPI shutdown, then quit after the timeout; release its vGPUs and files.",
            List.of("The guest gets the ACPI power button (QMP system_powerdown) and --timeout seconds to shut down;",
                    "then QEMU is told to quit (QMP quit), and killed if it does not answer. Its vGPUs are destroyed or",
                    "released, drivers restored, sockets and shared-memory files removed, and teardown hooks run."),
            List.of(TIMEOUT, FORCE, DRY_RUN), List.of(new ParameterSpec("VM", "The VM's name, as 'libvfio ps' shows it.", true)));

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        VmName name = new VmName(session.arguments().parameter(0).orElseThrow());
        Duration timeout = Duration.ofSeconds(timeout(session));
        boolean force = session.arguments().has(FORCE.name());
        VmHost host = VmSessions.host(session);
        if (session.arguments().has(DRY_RUN.name())) {
            dryRun(session, host, name, timeout, force);
            return;
        }
        StopResult result = new VmStopper(host).stop(name, timeout, force);
        if (session.json()) {
            Map<String, Object> document = Json.document();
            document.putAll(VmViews.stop(result));
            Json.print(session.out(), document);
            return;
        }
        VmSessions.notes(session, result.notes());
        PrintWriter out = session.out();
        String how = switch (result.how()) {
            case "powered-off" -> "the guest shut down after the ACPI power button";
            case "quit" -> force ? "QEMU quit at once (--force)" : "the guest did not shut down within " + timeout.toSeconds() + " s: QEMU quit";
            case "killed" -> "QEMU did not answer QMP: killed";
            default -> "it had already stopped";
        };
        out.println("Stopped " + name + " (pid " + result.pid() + ") in " + (result.took().toMillis() / 100) / 10.0 + " s: " + how + ".");
        for (String line : result.cleanup()) {
            out.println("  " + line);
        }
        out.flush();
    }

    private static void dryRun(Session session, VmHost host, VmName name, Duration timeout, boolean force)
    {
        List<String> notes = new ArrayList<>();
        RunningVm vm = new RunningVms(host).require(name, notes);
        List<String> steps = new ArrayList<>();
        if (!force) {
            steps.add("QMP system_powerdown on " + vm.state().qmpSocket() + ", then wait up to " + timeout.toSeconds() + " s for QEMU (pid " + vm.state().pid() + ") to exit");
        }
        steps.add("QMP quit, then SIGKILL if QEMU does not exit within 10 s");
        for (var vgpu : vm.state().vgpus()) {
            steps.add((vgpu.createdHere() ? "destroy " : "release ") + vgpu.description() + " and restore its driver");
        }
        for (var file : vm.state().files()) {
            steps.add("remove " + file);
        }
        for (List<String> hook : vm.state().teardown()) {
            steps.add("run teardown hook " + hook);
        }
        steps.add("remove " + host.store().file(name));
        if (session.json()) {
            Map<String, Object> document = Json.document();
            document.put("name", name.value());
            document.put("dryRun", true);
            document.put("steps", steps);
            Json.print(session.out(), document);
            return;
        }
        VmSessions.notes(session, notes);
        session.out().println("Would stop " + name + ":");
        for (String step : steps) {
            session.out().println("  " + step);
        }
        session.out().flush();
    }

    private static long timeout(Session session)
    {
        String text = session.arguments().value(TIMEOUT.name()).orElse(Integer.toString(DEFAULT_TIMEOUT_SECONDS));
        try {
            long seconds = Long.parseLong(text);
            if (seconds >= 0 && seconds <= 86_400) {
                return seconds;
            }
        }
        catch (NumberFormatException e) {
            // below
        }
        throw new VfioException(StandardErrorCode.INVALID_ARGUMENT, "--timeout " + text + ": expected whole seconds from 0 to 86400");
    }
}
