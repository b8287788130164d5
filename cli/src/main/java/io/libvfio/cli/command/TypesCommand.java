package io.libvfio.cli.command;

import io.libvfio.api.PciAddress;
import io.libvfio.api.VgpuType;
import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.args.ParameterSpec;
import io.libvfio.cli.output.Json;
import io.libvfio.cli.output.Table;
import io.libvfio.cli.output.Views;
import io.libvfio.runtime.VfioRuntime;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code libvfio types [GPU]}: the vGPU types a GPU offers, with sizes and free instances. */
public final class TypesCommand
        implements CliCommand
{
    private static final CommandSpec SPEC = new CommandSpec("types",
            "List the virtual GPU types of one GPU, or of every GPU: framebuffer, heads, resolution, free instances; passthrough is the whole GPU.",
            List.of(), List.of(),
            List.of(new ParameterSpec("GPU", "PCI address of the GPU, e.g. 0000:01:00.0 (default: every shareable GPU).", false)));

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        Optional<PciAddress> address = session.arguments().parameter(0).map(PciAddress::parse);
        VfioRuntime runtime = session.runtime();
        List<VgpuType> types = runtime.typesWithPassthrough(address);
        PrintWriter out = session.out();
        if (session.json()) {
            Map<String, Object> document = Json.document();
            document.put("root", runtime.paths().toString());
            List<Object> views = new ArrayList<>();
            for (VgpuType type : types) {
                views.add(Views.type(type));
            }
            document.put("types", views);
            Json.print(out, document);
            return;
        }
        runtime.inventory().warnings().forEach(session::warn);
        if (types.isEmpty()) {
            out.println(address.map(value -> "GPU " + value + " offers no vGPU types.").orElse("No shareable GPU offers vGPU types (see 'libvfio gpus')."));
            out.flush();
            return;
        }
        Table table = new Table("GPU", "TYPE", "NAME", "MECHANISM", "FRAMEBUFFER", "HEADS", "MAX RESOLUTION", "AVAILABLE");
        for (VgpuType type : types) {
            table.row(type.parent().toString(), type.id(), type.name(), type.mechanism().label(),
                    type.framebufferMib() + " MiB", Integer.toString(type.heads()),
                    type.maxResolution().map(Object::toString).orElse("-"),
                    type.availableInstances() + "/" + type.maxInstances());
        }
        table.print(out);
    }
}
