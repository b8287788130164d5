package io.libvfio.runtime.plan;

import io.libvfio.runtime.VfioRuntime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Chooses GPU slices. A planner is one plan: each request it answers takes its choice, so the
 * next request sees one free instance fewer and never counts the same one twice ({@link
 * #planAll} for a VM's {@code gpus} list). Every candidate gets an outcome: chosen, outranked
 * (with the figure it lost on, see {@link Ranking}) or rejected (with every rule it breaks, see
 * {@link FitRules}, and why it has no free instance; listed by GPU address and type id). Planning only reads what the backends
 * reported; the create that follows must take the runtime's host lock and check again.
 */
public final class Planner
{
    private final Offers offers;
    private final FreeSlots slots;

    public Planner(Offers offers)
    {
        this.offers = requireNonNull(offers, "offers is null");
        this.slots = new FreeSlots(offers.candidates());
    }

    public static Planner of(VfioRuntime runtime)
    {
        return new Planner(Offers.of(runtime));
    }

    /** Plans every request in order, each taking its choice before the next is planned. */
    public List<Plan> planAll(List<SliceRequest> requests)
    {
        List<Plan> plans = new ArrayList<>();
        for (SliceRequest request : requests) {
            plans.add(plan(request));
        }
        return plans;
    }

    /** Plans one request and, when it is satisfied, takes the chosen slice for this plan. */
    public Plan plan(SliceRequest request)
    {
        requireNonNull(request, "request is null");
        Ranking ranking = new Ranking(slots, request.policy());
        List<Ranking.Ranked> fitting = new ArrayList<>();
        List<CandidateResult> rejected = new ArrayList<>();
        for (Candidate candidate : slots.candidates()) {
            List<Rejection> rejections = new ArrayList<>(FitRules.check(request, candidate));
            availability(candidate).ifPresent(rejections::add);
            if (rejections.isEmpty()) {
                fitting.add(ranking.rank(candidate));
            }
            else {
                rejected.add(new CandidateResult(candidate, slots.free(candidate), CandidateResult.Outcome.REJECTED, rejections, explain(rejections)));
            }
        }
        fitting.sort(ranking.order());
        rejected.sort(Comparator.comparing((CandidateResult result) -> result.candidate().gpu())
                .thenComparing((left, right) -> TypeIds.compare(left.candidate().type().id(), right.candidate().type().id())));
        List<CandidateResult> results = new ArrayList<>();
        Optional<CandidateResult> chosen = Optional.empty();
        if (!fitting.isEmpty()) {
            Ranking.Ranked best = fitting.get(0);
            chosen = Optional.of(new CandidateResult(best.candidate(), slots.free(best.candidate()), CandidateResult.Outcome.CHOSEN, List.of(),
                    ranking.whyChosen(best)));
            results.add(chosen.get());
            for (Ranking.Ranked other : fitting.subList(1, fitting.size())) {
                results.add(new CandidateResult(other.candidate(), slots.free(other.candidate()), CandidateResult.Outcome.OUTRANKED, List.of(),
                        ranking.whyLost(other, best)));
            }
            slots.take(best.candidate(), request.label());
        }
        results.addAll(rejected);
        return new Plan(request, chosen, results, offers.errors());
    }

    private Optional<Rejection> availability(Candidate candidate)
    {
        if (slots.free(candidate) > 0) {
            return Optional.empty();
        }
        Optional<FreeSlots.Taken> taken = slots.taken(candidate.gpu());
        if (taken.isPresent() && !taken.get().typeId().equals(candidate.type().id())) {
            return Optional.of(new Rejection(Rejection.Reason.TAKEN_BY_PLAN, "this plan already takes type %s on this GPU for %s, and a GPU runs one type"
                    .formatted(taken.get().typeId(), taken.get().by())));
        }
        if (taken.isPresent() && FreeSlots.reported(candidate) > 0) {
            return Optional.of(new Rejection(Rejection.Reason.TAKEN_BY_PLAN, "its %d free instance%s go to earlier requests of this plan"
                    .formatted(FreeSlots.reported(candidate), FreeSlots.reported(candidate) == 1 ? "" : "s")));
        }
        Optional<Candidate> blocking = slots.blockingType(candidate);
        if (blocking.isPresent()) {
            return Optional.of(new Rejection(Rejection.Reason.HOMOGENEOUS, "homogeneous rule: the GPU already runs type %s, and runs one type at a time"
                    .formatted(blocking.get().type().id())));
        }
        return Optional.of(new Rejection(Rejection.Reason.NO_FREE_INSTANCE, "no free instance (0 of %d)".formatted(candidate.type().maxInstances())));
    }

    private static String explain(List<Rejection> rejections)
    {
        List<String> details = new ArrayList<>();
        for (Rejection rejection : rejections) {
            details.add(rejection.detail());
        }
        return String.join("; ", details);
    }
}
