package io.libvfio.runtime.plan;

import java.util.Comparator;

import static java.util.Objects.requireNonNull;

/**
 * The order among candidates that could all serve a request, best first: the smallest
 * framebuffer; then the NUMA node with the most free capacity (spread) or the least (pack); then
 * the GPU likewise; then a stable order by GPU address and type id. Capacities are measured
 * before the request takes its slice.
 */
final class Ranking
{
    private final FreeSlots slots;
    private final Policy policy;

    /** A candidate with the figures it is ranked by. */
    record Ranked(Candidate candidate, long framebufferMib, long nodeFreeMib, long gpuFreeMib)
    {
    }

    Ranking(FreeSlots slots, Policy policy)
    {
        this.slots = requireNonNull(slots, "slots is null");
        this.policy = requireNonNull(policy, "policy is null");
    }

    Ranked rank(Candidate candidate)
    {
        return new Ranked(candidate, candidate.type().framebufferMib(), slots.nodeFreeMib(candidate.numaNode()), slots.gpuFreeMib(candidate.gpu()));
    }

    Comparator<Ranked> order()
    {
        Comparator<Ranked> capacity = Comparator.comparingLong(Ranked::nodeFreeMib).thenComparingLong(Ranked::gpuFreeMib);
        return Comparator.comparingLong(Ranked::framebufferMib)
                .thenComparing(policy == Policy.SPREAD ? capacity.reversed() : capacity)
                .thenComparing(ranked -> ranked.candidate().gpu())
                .thenComparing((left, right) -> TypeIds.compare(left.candidate().type().id(), right.candidate().type().id()));
    }

    String whyChosen(Ranked chosen)
    {
        return "best fit: %d MiB; NUMA node %s has %d MiB free, the GPU %d MiB (%s)".formatted(chosen.framebufferMib(), chosen.candidate().numaLabel(),
                chosen.nodeFreeMib(), chosen.gpuFreeMib(), policy.label());
    }

    /** Why {@code loser} ranks below {@code winner}: the first figure that differs. */
    String whyLost(Ranked loser, Ranked winner)
    {
        String wants = policy == Policy.SPREAD ? "spread takes the most free" : "pack takes the least free";
        if (loser.framebufferMib() != winner.framebufferMib()) {
            return "larger than the chosen %s (%d MiB > %d MiB)".formatted(winner.candidate().label(), loser.framebufferMib(), winner.framebufferMib());
        }
        if (loser.nodeFreeMib() != winner.nodeFreeMib()) {
            return "NUMA node %s has %d MiB free, node %s %d MiB; %s".formatted(loser.candidate().numaLabel(), loser.nodeFreeMib(),
                    winner.candidate().numaLabel(), winner.nodeFreeMib(), wants);
        }
        if (loser.gpuFreeMib() != winner.gpuFreeMib()) {
            return "its GPU has %d MiB free, %s %d MiB; %s".formatted(loser.gpuFreeMib(), winner.candidate().gpu(), winner.gpuFreeMib(), wants);
        }
        if (!loser.candidate().gpu().equals(winner.candidate().gpu())) {
            return "same size and free capacity; %s comes after %s".formatted(loser.candidate().gpu(), winner.candidate().gpu());
        }
        return "same size on the same GPU; type %s comes after %s".formatted(loser.candidate().type().id(), winner.candidate().type().id());
    }
}
