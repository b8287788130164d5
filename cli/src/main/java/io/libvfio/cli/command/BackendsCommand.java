package io.libvfio.cli.command;

import io.libvfio.api.Gpu;
import io.libvfio.api.Mechanism;
import io.libvfio.api.spi.SupportEntry;
import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.args.OptionSpec;
import io.libvfio.cli.output.Json;
import io.libvfio.cli.output.Table;
import io.libvfio.cli.output.Views;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.plugin.PluginProvider;
import io.libvfio.runtime.registry.BackendStatus;
import io.libvfio.runtime.registry.SupportMatrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code libvfio backends}: which backend serves which GPU, and why the others declined. */
public final class BackendsCommand
        implements CliCommand
{
    static final OptionSpec MATRIX = OptionSpec.flag("--matrix",
            "Print the hardware support matrix the installed backends declare (a markdown table) instead of probing the host.");
    private static final CommandSpec SPEC = new CommandSpec("backends",
            "List the installed backends: which serves which GPU, and why each of the others declined.",
            List.of(), List.of(MATRIX), List.of());

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        VfioRuntime runtime = session.runtime();
        if (session.arguments().has(MATRIX.name())) {
            matrix(session, runtime);
            return;
        }
        List<BackendStatus> backends = runtime.backends();
        List<String> loadFailures = runtime.registry().loadFailures();
        if (session.json()) {
            Map<String, Object> document = Json.document();
            document.put("root", runtime.paths().toString());
            List<Object> views = new ArrayList<>();
            for (BackendStatus status : backends) {
                views.add(Views.backend(status));
            }
            document.put("backends", views);
            document.put("loadFailures", loadFailures);
            Json.print(session.out(), document);
            return;
        }
        Table table = new Table("BACKEND", "PRIORITY", "STATUS", "DETAIL");
        for (BackendStatus status : backends) {
            table.row(status.name(), Integer.toString(status.provider().priority()),
                    status.serves() ? "active" : "declined", status.probe().reason());
            if (status.provider() instanceof PluginProvider plugin) {
                table.note("plug-in " + plugin.jar());
            }
            for (Gpu gpu : status.gpus()) {
                table.note(gpu.address() + " " + gpu.model() + ": " + (gpu.isShareable()
                        ? "serves (" + labels(gpu.mechanisms()) + ")"
                        : "cannot share: " + gpu.limitation().orElse("no mechanism")));
            }
        }
        for (String failure : loadFailures) {
            table.row("-", "-", "not loaded", failure);
        }
        table.print(session.out());
    }

    private static void matrix(Session session, VfioRuntime runtime)
    {
        if (!session.json()) {
            session.out().print(SupportMatrix.markdown(runtime.registry().providers()));
            session.out().flush();
            return;
        }
        List<Object> rows = new ArrayList<>();
        for (SupportMatrix.Row row : SupportMatrix.rows(runtime.registry().providers())) {
            SupportEntry entry = row.entry();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("backend", row.backend());
            view.put("vendor", entry.vendor());
            view.put("hardware", entry.hardware());
            view.put("mechanism", entry.mechanism().label());
            view.put("kernel", entry.kernel());
            view.put("requirements", entry.requirements());
            view.put("createDestroy", entry.createDestroy());
            rows.add(view);
        }
        Map<String, Object> document = Json.document();
        document.put("support", rows);
        Json.print(session.out(), document);
    }

    private static String labels(List<Mechanism> mechanisms)
    {
        List<String> labels = new ArrayList<>();
        for (Mechanism mechanism : mechanisms) {
            labels.add(mechanism.label());
        }
        return String.join(", ", labels);
    }
}
