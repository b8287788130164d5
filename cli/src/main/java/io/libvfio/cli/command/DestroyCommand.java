package io.libvfio.cli.command;

import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.args.ParameterSpec;
import io.libvfio.cli.output.Json;
import io.libvfio.cli.output.VgpuViews;
import io.libvfio.runtime.vgpu.FunctionBinding;
import io.libvfio.runtime.vgpu.VgpuChange;
import io.libvfio.runtime.vgpu.VgpuService;
import io.libvfio.runtime.vgpu.VgpuState;

import java.io.PrintWriter;
import java.util.List;

/** {@code libvfio destroy ID [--dry-run]}: gives back what was bound, destroys the vGPU, forgets its record. */
public final class DestroyCommand
        implements CliCommand
{
    private static final CommandSpec SPEC = new CommandSpec("destroy",
            "Destroy a virtual GPU: give its functions back to the drivers they had, then remove it.",
            List.of("A stale record (the vGPU is already gone) is only forgotten. Every write is undone when a step fails."),
            List.of(MutationOptions.DRY_RUN),
            List.of(new ParameterSpec("ID", "The vGPU's id from 'libvfio vgpus': an mdev UUID or a PCI address.", true)));

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        String id = session.arguments().parameter(0).orElseThrow();
        boolean dryRun = session.arguments().has(MutationOptions.DRY_RUN.name());
        VgpuChange change = VgpuService.on(session.runtime()).destroy(id, dryRun);
        if (session.json()) {
            Json.print(session.out(), VgpuViews.change(change));
            return;
        }
        PrintWriter out = session.out();
        boolean stale = change.entry().state() == VgpuState.STALE;
        if (dryRun) {
            out.println(stale ? "Dry run: would forget the record of %s (the vGPU is already gone).".formatted(change.entry().id())
                    : "Dry run: would destroy vGPU %s (%s, backend %s).".formatted(change.entry().id(), change.entry().instance().typeId(), change.entry().backend()));
            MutationOptions.printWrites(out, "Writes, in order:", change.writes());
        }
        else if (stale) {
            out.println("vGPU %s was already gone; its record is removed.".formatted(change.entry().id()));
        }
        else {
            out.println("Destroyed vGPU %s (%s on %s, backend %s).".formatted(change.entry().id(), change.entry().instance().typeId(),
                    change.entry().instance().parent(), change.entry().backend()));
            for (FunctionBinding binding : change.bindings()) {
                out.println("  %s back on %s".formatted(binding.function(), binding.originalDriver().orElse("no driver")));
            }
        }
        out.flush();
    }
}
