package io.libvfio.cli.command;

import io.libvfio.api.Gpu;
import io.libvfio.cli.GlobalOptions;
import io.libvfio.cli.output.Json;
import io.libvfio.cli.output.Table;
import io.libvfio.cli.output.Views;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.registry.BackendStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code libvfio backends}: which backend serves which GPU, and why the others declined. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List the installed backends: which serves which GPU, and why each of the others declined.")
public final class BackendsCommand
        implements Runnable
{
    private final GlobalOptions globals;

    @Spec
    CommandSpec spec;

    public BackendsCommand(GlobalOptions globals)
    {
        this.globals = globals;
    }

    @Override
    public void run()
    {
        VfioRuntime runtime = globals.runtime();
        List<BackendStatus> backends = runtime.backends();
        List<String> loadFailures = runtime.registry().loadFailures();
        PrintWriter out = spec.commandLine().getOut();
        if (globals.json()) {
            Map<String, Object> document = Json.document();
            document.put("root", runtime.paths().toString());
            document.put("backends", backends.stream().map(Views::backend).toList());
            document.put("loadFailures", loadFailures);
            Json.print(out, document);
            return;
        }
        Table table = new Table("BACKEND", "PRIORITY", "STATUS", "DETAIL");
        for (BackendStatus status : backends) {
            table.row(status.name(), Integer.toString(status.provider().priority()),
                    status.serves() ? "active" : "declined", status.probe().reason());
            for (Gpu gpu : status.gpus()) {
                table.note(gpu.address() + " " + gpu.model() + ": "
                        + (gpu.isShareable() ? "serves (" + String.join(", ", gpu.mechanisms().stream().map(mechanism -> mechanism.label()).toList()) + ")"
                        : "cannot share: " + gpu.limitation().orElse("no mechanism")));
            }
        }
        table.print(out);
        for (String failure : loadFailures) {
            spec.commandLine().getErr().println("libvfio: warning: backend not loaded: " + failure);
        }
        spec.commandLine().getErr().flush();
    }
}
