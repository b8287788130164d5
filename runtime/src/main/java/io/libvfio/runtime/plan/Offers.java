package io.libvfio.runtime.plan;

import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.VfioRuntime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Every candidate of the host: each GPU a backend serves, with the vGPU types its backend lists
 * now (slices only: whole-GPU passthrough is not one). A GPU whose types cannot be read adds an error and never hides the others.
 */
public record Offers(List<Candidate> candidates, List<String> errors)
{
    public Offers
    {
        candidates = List.copyOf(requireNonNull(candidates, "candidates is null"));
        errors = List.copyOf(requireNonNull(errors, "errors is null"));
    }

    /** The runtime's GPUs and their types, each GPU's backend asked on its own. */
    public static Offers of(VfioRuntime runtime)
    {
        return collect(runtime.gpus(), gpu -> runtime.types(Optional.of(gpu.device().address())));
    }

    /** Candidates from GPU reports, and a way to list one served GPU's types. */
    public static Offers collect(List<GpuReport> gpus, Function<GpuReport, List<VgpuType>> types)
    {
        List<Candidate> candidates = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (GpuReport gpu : gpus) {
            if (gpu.backend().isEmpty()) {
                continue;
            }
            try {
                for (VgpuType type : types.apply(gpu)) {
                    if (!SliceRequest.sliceMechanisms().contains(type.mechanism())) {
                        continue;
                    }
                    candidates.add(new Candidate(gpu.device().address(), gpu.model(), gpu.device().numaNode(), type));
                }
            }
            catch (VfioException e) {
                errors.add(e.getMessage());
            }
        }
        return new Offers(candidates, errors);
    }
}
