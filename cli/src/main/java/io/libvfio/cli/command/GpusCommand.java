package io.libvfio.cli.command;

import io.libvfio.api.HostInventory;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciDevice;
import io.libvfio.api.SriovInfo;
import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.output.Json;
import io.libvfio.cli.output.Table;
import io.libvfio.cli.output.Views;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.VfioRuntime;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code libvfio gpus}: every GPU of the host, who can share it and how, or why not. */
public final class GpusCommand
        implements CliCommand
{
    private static final CommandSpec SPEC = new CommandSpec("gpus",
            "List the host's GPUs: the backend that serves each, how it can be shared, and why not when it cannot.",
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
        List<GpuReport> gpus = runtime.gpus();
        HostInventory inventory = runtime.inventory();
        PrintWriter out = session.out();
        if (session.json()) {
            Map<String, Object> document = Json.document();
            document.put("root", runtime.paths().toString());
            document.put("iommu", inventory.iommuEnabled());
            List<Object> views = new ArrayList<>();
            for (GpuReport gpu : gpus) {
                views.add(Views.gpu(gpu));
            }
            document.put("gpus", views);
            document.put("warnings", inventory.warnings());
            Json.print(out, document);
            return;
        }
        // Loops rather than lambdas and method references: linking the first one costs a cold JVM tens of ms.
        for (String warning : inventory.warnings()) {
            session.warn(warning);
        }
        if (gpus.isEmpty()) {
            out.println("No GPU found under " + runtime.paths() + ".");
            out.flush();
            return;
        }
        Table table = new Table("ADDRESS", "ID", "MODEL", "DRIVER", "NUMA", "GROUP", "BACKEND", "SHARING");
        for (GpuReport gpu : gpus) {
            PciDevice device = gpu.device();
            table.row(device.address().toString(),
                    device.pciId(),
                    gpu.model(),
                    device.driver().orElse("-"),
                    device.numaNode().isPresent() ? Integer.toString(device.numaNode().getAsInt()) : "-",
                    device.iommuGroup().isPresent() ? Integer.toString(device.iommuGroup().getAsInt()) : "-",
                    gpu.backend().orElse("-"),
                    sharing(gpu));
            if (device.sriov().isPresent()) {
                SriovInfo sriov = device.sriov().get();
                table.note("SR-IOV: " + sriov.numVfs() + " of " + sriov.totalVfs() + " VFs enabled");
            }
            if (!gpu.companions().isEmpty()) {
                List<String> functions = new ArrayList<>();
                for (PciDevice function : gpu.companions()) {
                    functions.add(function.address() + " (" + function.pciId() + (function.driver().isPresent() ? ", " + function.driver().get() : "") + ")");
                }
                table.note("same slot: " + String.join(", ", functions));
            }
            for (String reason : gpu.reasons()) {
                table.note("- " + reason);
            }
        }
        table.print(out);
    }

    private static String sharing(GpuReport gpu)
    {
        if (gpu.mechanisms().isEmpty()) {
            return gpu.verdict().label();
        }
        List<String> labels = new ArrayList<>();
        for (Mechanism mechanism : gpu.mechanisms()) {
            labels.add(mechanism.label());
        }
        return gpu.verdict().label() + ": " + String.join(", ", labels);
    }
}
