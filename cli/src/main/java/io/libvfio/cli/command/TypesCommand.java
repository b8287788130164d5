package io.libvfio.cli.command;

import io.libvfio.api.PciAddress;
import io.libvfio.api.VgpuType;
import io.libvfio.cli.GlobalOptions;
import io.libvfio.cli.output.Json;
import io.libvfio.cli.output.Table;
import io.libvfio.cli.output.Views;
import io.libvfio.runtime.VfioRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code libvfio types [GPU]}: the vGPU types a GPU offers, with sizes and free instances. */
@Command(name = "types", mixinStandardHelpOptions = true,
        description = "List the virtual GPU types of one GPU, or of every shareable GPU: framebuffer, heads, resolution, free instances.")
public final class TypesCommand
        implements Runnable
{
    private final GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "GPU", description = "PCI address of the GPU, e.g. 0000:01:00.0 (default: every GPU).")
    String gpu;

    public TypesCommand(GlobalOptions globals)
    {
        this.globals = globals;
    }

    @Override
    public void run()
    {
        Optional<PciAddress> address = Optional.ofNullable(gpu).map(PciAddress::parse);
        VfioRuntime runtime = globals.runtime();
        List<VgpuType> types = runtime.types(address);
        PrintWriter out = spec.commandLine().getOut();
        if (globals.json()) {
            Map<String, Object> document = Json.document();
            document.put("root", runtime.paths().toString());
            document.put("types", types.stream().map(Views::type).toList());
            Json.print(out, document);
            return;
        }
        Warnings.print(spec.commandLine().getErr(), runtime.inventory().warnings());
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
