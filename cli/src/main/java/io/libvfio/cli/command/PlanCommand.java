package io.libvfio.cli.command;

import io.libvfio.api.ErrorCategory;
import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.args.OptionSpec;
import io.libvfio.cli.args.ParameterSpec;
import io.libvfio.cli.args.ParsedArguments;
import io.libvfio.cli.output.ErrorPrinter;
import io.libvfio.cli.output.PlanPrinter;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.doctor.GpuRequest;
import io.libvfio.runtime.doctor.VmConfigReader;
import io.libvfio.runtime.plan.Plan;
import io.libvfio.runtime.plan.Planner;
import io.libvfio.runtime.plan.Policy;
import io.libvfio.runtime.plan.SliceRequest;
import io.libvfio.runtime.plan.VramRange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code libvfio plan (--vram MIN[:MAX] | --type ID | VM.yaml) [--gpu BDF] [--policy pack|spread]}:
 * which GPU slice libvfio would take, and why every other candidate lost. It only reads; exit
 * code 9 when a request cannot be satisfied.
 */
public final class PlanCommand
        implements CliCommand
{
    static final OptionSpec VRAM = OptionSpec.valued("--vram", "MIN[:MAX]",
            "Framebuffer the slice needs, e.g. 2048, 2G or 2G:4G (no unit: MiB; MIN alone: no upper limit).");
    static final OptionSpec TYPE = OptionSpec.valued("--type", "ID", "An exact vGPU type id, e.g. nvidia-257 or 1148 (see 'libvfio types').");
    static final OptionSpec GPU = OptionSpec.valued("--gpu", "BDF", "Only consider this GPU, e.g. 0000:3b:00.0.");
    static final OptionSpec POLICY = OptionSpec.valued("--policy", "POLICY",
            "Among equal fits: spread (default) takes the NUMA node and GPU with the most free capacity, pack the least.");
    private static final CommandSpec SPEC = new CommandSpec("plan",
            "Show which GPU slice would be taken for a size, a type or a VM file's gpus list, and why every other candidate lost.",
            List.of("The best fit is the smallest framebuffer that satisfies; among equals the policy decides by the free",
                    "capacity of the GPU's NUMA node, then of the GPU; then PCI address and type id. A VM file's entries",
                    "are planned together, so two never count the same free instance. Nothing is written.",
                    "Exit code 9 when a request cannot be satisfied; the message names the nearest candidates."),
            List.of(VRAM, TYPE, GPU, POLICY),
            List.of(new ParameterSpec("VM.yaml", "A LibVF.IO VM file: plan the slices its gpus list asks for.", false)));

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        ParsedArguments arguments = session.arguments();
        Optional<PciAddress> gpu = arguments.value(GPU.name()).map(PciAddress::parse);
        Policy policy = arguments.value(POLICY.name()).map(text -> Policy.parse(POLICY.name(), text)).orElse(Policy.SPREAD);
        List<String> skipped = new ArrayList<>();
        List<SliceRequest> requests = requests(arguments, gpu, policy, skipped);
        VfioRuntime runtime = session.runtime();
        // --gpu must name a GPU that can be split: not found (3) or unsupported (4) says which, rather than "no capacity"
        gpu.ifPresent(address -> runtime.types(Optional.of(address)));
        List<Plan> plans = Planner.of(runtime).planAll(requests);
        Optional<VfioException> failure = failure(plans);
        if (session.json()) {
            PlanPrinter.json(session.out(), runtime.paths().toString(), policy, plans, skipped, failure);
            failure.ifPresent(error -> {
                ErrorPrinter.error(error, false, false, session.out(), session.err());
                session.exitWith(ErrorCategory.NO_CAPACITY);
            });
            return;
        }
        runtime.inventory().warnings().forEach(session::warn);
        PlanPrinter.text(session.out(), runtime.paths().toString(), policy, plans, skipped);
        if (failure.isPresent()) {
            throw failure.get();
        }
    }

    private static List<SliceRequest> requests(ParsedArguments arguments, Optional<PciAddress> gpu, Policy policy, List<String> skipped)
    {
        Optional<String> vram = arguments.value(VRAM.name());
        Optional<String> type = arguments.value(TYPE.name());
        Optional<String> file = arguments.parameter(0);
        int given = (vram.isPresent() ? 1 : 0) + (type.isPresent() ? 1 : 0) + (file.isPresent() ? 1 : 0);
        if (given != 1) {
            throw new VfioException(StandardErrorCode.INVALID_ARGUMENT, "plan: give exactly one of --vram MIN[:MAX], --type ID or a VM file");
        }
        if (vram.isPresent()) {
            return List.of(SliceRequest.ofVram(VramRange.parse(vram.get(), VRAM.name(), StandardErrorCode.INVALID_ARGUMENT), gpu, policy));
        }
        if (type.isPresent()) {
            return List.of(SliceRequest.ofType(type.get(), gpu, policy));
        }
        List<SliceRequest> requests = new ArrayList<>();
        for (GpuRequest request : VmConfigReader.read(Path.of(file.get()))) {
            request.toSliceRequest(policy).ifPresentOrElse(slice -> requests.add(slice.with(gpu, policy)),
                    () -> skipped.add(request.describe() + ": a whole GPU, not a slice; 'libvfio doctor " + file.get() + "' checks it"));
        }
        return requests;
    }

    /** NO_CAPACITY for the first request that cannot be satisfied, naming its nearest candidates. */
    private static Optional<VfioException> failure(List<Plan> plans)
    {
        List<Plan> unsatisfied = plans.stream().filter(plan -> !plan.satisfied()).toList();
        if (unsatisfied.isEmpty()) {
            return Optional.empty();
        }
        String more = unsatisfied.size() == 1 ? "" : " (and %d more request%s)".formatted(unsatisfied.size() - 1, unsatisfied.size() == 2 ? "" : "s");
        return Optional.of(new VfioException(StandardErrorCode.NO_CAPACITY, unsatisfied.get(0).noCapacityMessage() + more));
    }
}
