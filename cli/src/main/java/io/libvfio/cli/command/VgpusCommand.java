package io.libvfio.cli.command;

import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.output.Json;
import io.libvfio.cli.output.Table;
import io.libvfio.cli.output.VgpuViews;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.vgpu.VgpuEntry;
import io.libvfio.runtime.vgpu.VgpuList;
import io.libvfio.runtime.vgpu.VgpuService;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code libvfio vgpus}: every vGPU on the host, including those libvfio did not create. */
public final class VgpusCommand
        implements CliCommand
{
    private static final CommandSpec SPEC = new CommandSpec("vgpus",
            "List the virtual GPUs that exist now: libvfio's (managed), others' (external), and records of vanished ones (stale).",
            List.of(), List.of(), List.of());

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        VfioRuntime runtime = session.runtime();
        VgpuList list = VgpuService.on(runtime).listWithWarnings();
        PrintWriter out = session.out();
        if (session.json()) {
            Map<String, Object> document = Json.document();
            document.put("root", runtime.paths().toString());
            List<Object> views = new ArrayList<>();
            for (VgpuEntry entry : list.entries()) {
                views.add(VgpuViews.entry(entry));
            }
            document.put("vgpus", views);
            document.put("warnings", list.warnings());
            Json.print(out, document);
            return;
        }
        list.warnings().forEach(session::warn);
        if (list.entries().isEmpty()) {
            out.println("No vGPUs on this host (create one with 'libvfio create --gpu BDF --type ID').");
            out.flush();
            return;
        }
        Table table = new Table("ID", "STATE", "BACKEND", "GPU", "TYPE", "MECHANISM", "CREATED BY");
        for (VgpuEntry entry : list.entries()) {
            table.row(entry.id(), entry.state().label(), entry.backend(), entry.instance().parent().toString(), entry.instance().typeId(),
                    entry.instance().mechanism().label(), entry.record().map(record -> record.createdBy() + " at " + record.createdAt()).orElse("-"));
        }
        table.print(out);
    }
}
