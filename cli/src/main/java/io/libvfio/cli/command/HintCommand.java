package io.libvfio.cli.command;

import io.libvfio.api.PciAddress;
import io.libvfio.api.ScheduleHint;
import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.args.ParameterSpec;
import io.libvfio.cli.output.Json;
import io.libvfio.cli.output.VgpuViews;
import io.libvfio.runtime.vgpu.PlacementHint;
import io.libvfio.runtime.vgpu.VgpuService;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code libvfio hint BDF}: where a VM using a GPU should run. */
public final class HintCommand
        implements CliCommand
{
    private static final CommandSpec SPEC = new CommandSpec("hint",
            "Where a VM using a GPU should run: NUMA node, CPUs to pin, hugepage node, vendor scheduler weight or time slice.",
            List.of(), List.of(),
            List.of(new ParameterSpec("BDF", "PCI address of the GPU, e.g. 0000:01:00.0.", true)));

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        PciAddress gpu = PciAddress.parse(session.arguments().parameter(0).orElseThrow());
        PlacementHint hint = VgpuService.on(session.runtime()).hint(gpu);
        PrintWriter out = session.out();
        if (session.json()) {
            Map<String, Object> document = Json.document();
            document.put("hint", VgpuViews.hint(hint));
            Json.print(out, document);
            return;
        }
        ScheduleHint schedule = hint.schedule();
        out.println("GPU:            " + gpu + hint.backend().map(backend -> " (backend " + backend + ")").orElse(" (no backend shares it)"));
        out.println("NUMA node:      " + (schedule.numaNode().isPresent() ? Integer.toString(schedule.numaNode().getAsInt()) : "unknown"));
        out.println("CPUs to pin:    " + (schedule.cpus().isEmpty() ? "any" : schedule.cpus().toString()));
        out.println("IOMMU group:    " + (schedule.iommuGroup().isPresent() ? Integer.toString(schedule.iommuGroup().getAsInt()) : "none"));
        out.println("Hugepages from: " + (hint.hugepageNode().isPresent()
                ? "node %d (%d MiB free)".formatted(hint.hugepageNode().getAsInt(), hint.freeHugepagesKib() / 1024) : "no node has free hugepages"));
        out.println("Weight:         " + (schedule.weight().isPresent() ? Integer.toString(schedule.weight().getAsInt()) : "-"));
        out.println("Time slice:     " + schedule.timeSlice().map(slice -> slice.toMillis() + " ms").orElse("-"));
        out.flush();
    }
}
