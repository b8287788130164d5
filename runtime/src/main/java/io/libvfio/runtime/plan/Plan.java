package io.libvfio.runtime.plan;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The planner's answer to one request: the chosen candidate, if any, and every candidate's
 * outcome, best first.
 *
 * @param errors GPUs whose types could not be read, one message each
 */
public record Plan(SliceRequest request, Optional<CandidateResult> chosen, List<CandidateResult> results, List<String> errors)
{
    static final int NEAREST = 3;

    public Plan
    {
        requireNonNull(request, "request is null");
        requireNonNull(chosen, "chosen is null");
        results = List.copyOf(requireNonNull(results, "results is null"));
        errors = List.copyOf(requireNonNull(errors, "errors is null"));
    }

    public boolean satisfied()
    {
        return chosen.isPresent();
    }

    /** The chosen candidate, or {@code NO_CAPACITY} whose message names the nearest candidates. */
    public Candidate requireChoice()
    {
        return chosen.map(CandidateResult::candidate).orElseThrow(() -> new VfioException(StandardErrorCode.NO_CAPACITY, noCapacityMessage()));
    }

    /**
     * The candidates that came closest, at most three: fewest broken rules about what the slice
     * is (a fitting type that is only busy comes first), then fewest rules in all, then the
     * framebuffer nearest the requested range, then the planner's stable order.
     */
    public List<CandidateResult> nearest()
    {
        List<CandidateResult> rejected = new ArrayList<>();
        for (CandidateResult result : results) {
            if (result.outcome() == CandidateResult.Outcome.REJECTED) {
                rejected.add(result);
            }
        }
        rejected.sort(Comparator.comparingLong((CandidateResult result) -> result.rejections().stream().filter(rejection -> !rejection.isAvailability()).count())
                .thenComparingInt(result -> result.rejections().size())
                .thenComparingLong(this::sizeDistance));
        return List.copyOf(rejected.subList(0, Math.min(NEAREST, rejected.size())));
    }

    private long sizeDistance(CandidateResult result)
    {
        return request.typeId().isPresent() ? 0 : request.vram().map(range -> range.distance(result.candidate().type().framebufferMib())).orElse(0L);
    }

    /** {@code no free GPU slice for --vram at least 100 GiB; nearest: ...}. */
    public String noCapacityMessage()
    {
        return "no free GPU slice for %s; %s".formatted(request.label(), shortfall());
    }

    /** Why nothing fits, without naming the request: the nearest candidates, or that there are none. */
    public String shortfall()
    {
        String unread = errors.isEmpty() ? "" : "; could not read: " + String.join("; ", errors);
        if (results.isEmpty()) {
            return "this host offers no vGPU types (see 'libvfio gpus')" + unread;
        }
        List<String> near = new ArrayList<>();
        for (CandidateResult result : nearest()) {
            near.add("%s (%d MiB, %d free: %s)".formatted(result.candidate().describe(), result.candidate().type().framebufferMib(), result.free(),
                    result.explanation()));
        }
        return "nearest: " + String.join(", ", near) + unread;
    }
}
