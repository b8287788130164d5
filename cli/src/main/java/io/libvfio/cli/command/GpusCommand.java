package io.libvfio.cli.command;

import io.libvfio.api.HostInventory;
import io.libvfio.api.Mechanism;
import io.libvfio.cli.GlobalOptions;
import io.libvfio.cli.output.Json;
import io.libvfio.cli.output.Table;
import io.libvfio.cli.output.Views;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.VfioRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code libvfio gpus}: every GPU of the host, who can share it and how, or why not. */
@Command(name = "gpus", mixinStandardHelpOptions = true,
        description = "List the host's GPUs: the backend that serves each, how it can be shared, and why not when it cannot.")
public final class GpusCommand
        implements Runnable
{
    private final GlobalOptions globals;

    @Spec
    CommandSpec spec;

    public GpusCommand(GlobalOptions globals)
    {
        this.globals = globals;
    }

    @Override
    public void run()
    {
        VfioRuntime runtime = globals.runtime();
        List<GpuReport> gpus = runtime.gpus();
        HostInventory inventory = runtime.inventory();
        PrintWriter out = spec.commandLine().getOut();
        if (globals.json()) {
            Map<String, Object> document = Json.document();
            document.put("root", runtime.paths().toString());
            document.put("iommu", inventory.iommuEnabled());
            document.put("gpus", gpus.stream().map(Views::gpu).toList());
            document.put("warnings", inventory.warnings());
            Json.print(out, document);
            return;
        }
        Warnings.print(spec.commandLine().getErr(), inventory.warnings());
        if (gpus.isEmpty()) {
            out.println("No GPU found under " + runtime.paths() + ".");
            out.flush();
            return;
        }
        Table table = new Table("ADDRESS", "ID", "MODEL", "DRIVER", "NUMA", "GROUP", "BACKEND", "SHARING");
        for (GpuReport gpu : gpus) {
            table.row(gpu.device().address().toString(),
                    gpu.device().pciId(),
                    gpu.model(),
                    gpu.device().driver().orElse("-"),
                    gpu.device().numaNode().isPresent() ? Integer.toString(gpu.device().numaNode().getAsInt()) : "-",
                    gpu.device().iommuGroup().isPresent() ? Integer.toString(gpu.device().iommuGroup().getAsInt()) : "-",
                    gpu.backend().orElse("-"),
                    sharing(gpu));
            gpu.device().sriov().ifPresent(sriov -> table.note("SR-IOV: %d of %d VFs enabled".formatted(sriov.numVfs(), sriov.totalVfs())));
            if (!gpu.companions().isEmpty()) {
                table.note("also in the slot: " + gpu.companions().stream()
                        .map(function -> function.address() + " (" + function.pciId() + (function.driver().map(driver -> ", " + driver).orElse("")) + ")")
                        .collect(Collectors.joining(", ")));
            }
            gpu.reasons().forEach(reason -> table.note("- " + reason));
        }
        table.print(out);
    }

    private static String sharing(GpuReport gpu)
    {
        if (gpu.mechanisms().isEmpty()) {
            return gpu.verdict().label();
        }
        return gpu.verdict().label() + ": " + gpu.mechanisms().stream().map(Mechanism::label).collect(Collectors.joining(", "));
    }
}
