package io.libvfio.cli.command;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.args.OptionSpec;
import io.libvfio.cli.args.ParameterSpec;
import io.libvfio.cli.output.Json;
import io.libvfio.runtime.vm.RunningVm;
import io.libvfio.runtime.vm.RunningVms;
import io.libvfio.runtime.vm.VmHost;
import io.libvfio.runtime.vm.spec.VmName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code libvfio introspect VM}: starts the Looking Glass client and the Scream receiver for a running VM, as argument lists. */
public final class IntrospectCommand
        implements CliCommand
{
    static final OptionSpec DRY_RUN = OptionSpec.flag("--dry-run", "Print the client command lines, and start nothing.");
    private static final CommandSpec SPEC = new CommandSpec("introspect",
            "Start the Looking Glass client and the Scream audio receiver for a running VM.",
            List.of("Looking Glass reads the VM's shared memory and sends input over SPICE on 127.0.0.1; Scream plays the",
                    "audio the guest writes to its IVSHMEM device. Each runs detached, with its output in the VM's data directory."),
            List.of(DRY_RUN), List.of(new ParameterSpec("VM", "The VM's name, as 'libvfio ps' shows it.", true)));

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        VmName name = new VmName(session.arguments().parameter(0).orElseThrow());
        VmHost host = VmSessions.host(session);
        List<String> notes = new ArrayList<>();
        RunningVm vm = new RunningVms(host).require(name, notes);
        List<List<String>> clients = clients(vm);
        if (clients.isEmpty()) {
            throw new VfioException(StandardErrorCode.OPERATION_UNSUPPORTED, "VM " + name
                    + " has neither Looking Glass nor Scream shared memory (enable lookingGlass or scream audio in its VM file)");
        }
        boolean dryRun = session.arguments().has(DRY_RUN.name());
        List<Long> pids = new ArrayList<>();
        if (!dryRun) {
            for (List<String> client : clients) {
                String program = client.get(0);
                ProcessHandle process = host.launcher().start(client, host.directories().data().resolve("vms").resolve(name.value()).resolve(program + ".log"));
                pids.add(process.pid());
            }
        }
        if (session.json()) {
            Map<String, Object> document = Json.document();
            document.put("name", name.value());
            document.put("dryRun", dryRun);
            document.put("commands", clients);
            document.put("pids", pids);
            Json.print(session.out(), document);
            return;
        }
        VmSessions.notes(session, notes);
        for (int index = 0; index < clients.size(); index++) {
            session.out().println((dryRun ? "Would start: " : "Started (pid " + pids.get(index) + "): ") + String.join(" ", clients.get(index)));
        }
        session.out().flush();
    }

    static List<List<String>> clients(RunningVm vm)
    {
        List<List<String>> clients = new ArrayList<>();
        if (vm.state().lookingGlass().isPresent()) {
            List<String> client = new ArrayList<>(List.of("looking-glass-client", "-f", vm.state().lookingGlass().get().toString()));
            if (vm.state().ports().spice().isPresent()) {
                client.addAll(List.of("-c", "127.0.0.1", "-p", Integer.toString(vm.state().ports().spice().getAsInt())));
            }
            else {
                client.add("spice:enable=no");
            }
            clients.add(client);
        }
        if (vm.state().scream().isPresent()) {
            clients.add(List.of("scream", "-m", vm.state().scream().get().toString()));
        }
        return clients;
    }
}
