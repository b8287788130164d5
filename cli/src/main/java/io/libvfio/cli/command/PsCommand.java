package io.libvfio.cli.command;

import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.output.Json;
import io.libvfio.cli.output.Table;
import io.libvfio.cli.output.VmViews;
import io.libvfio.runtime.vm.RunningVm;
import io.libvfio.runtime.vm.RunningVms;
import io.libvfio.runtime.vm.gpu.AttachedVgpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code libvfio ps}: the running VMs with their vGPUs, ports, pid and uptime, after cleaning up those that are gone. */
public final class PsCommand
        implements CliCommand
{
    private static final CommandSpec SPEC = new CommandSpec("ps",
            "List the running VMs: vGPUs, ports, pid, uptime; cleans up after VMs that are gone.",
            List.of("A VM whose QEMU is gone (crashed, killed) is cleaned up first: its vGPUs are released,",
                    "drivers restored, sockets and shared-memory files removed, teardown hooks run."),
            List.of(), List.of());

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        List<String> notes = new ArrayList<>();
        List<RunningVm> vms = new RunningVms(VmSessions.host(session)).list(notes);
        if (session.json()) {
            Map<String, Object> document = Json.document();
            List<Object> views = new ArrayList<>();
            for (RunningVm vm : vms) {
                views.add(VmViews.running(vm));
            }
            document.put("vms", views);
            document.put("cleanedUp", notes);
            Json.print(session.out(), document);
            return;
        }
        VmSessions.notes(session, notes);
        if (vms.isEmpty()) {
            session.out().println("No VMs are running.");
            session.out().flush();
            return;
        }
        Table table = new Table("NAME", "PID", "UPTIME", "ACCEL", "VGPUS", "PORTS");
        for (RunningVm vm : vms) {
            List<String> vgpus = new ArrayList<>();
            for (AttachedVgpu vgpu : vm.state().vgpus()) {
                vgpus.add(vgpu.description());
            }
            table.row(vm.state().name().value(), Long.toString(vm.state().pid()), VmViews.duration(vm.uptime().toSeconds()), vm.state().accelerator(),
                    vgpus.isEmpty() ? "-" : String.join(", ", vgpus), VmViews.portsText(vm.state().ports()));
        }
        table.print(session.out());
        session.out().flush();
    }
}
