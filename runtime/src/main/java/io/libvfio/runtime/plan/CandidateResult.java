package io.libvfio.runtime.plan;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * One candidate's outcome for one request.
 *
 * @param free its free instances when the request was planned (earlier requests of the same plan taken off)
 * @param rejections why it cannot serve the request; empty when it could
 * @param explanation in words: why it was chosen, why it lost to the chosen one, or its rejections
 */
public record CandidateResult(Candidate candidate, int free, Outcome outcome, List<Rejection> rejections, String explanation)
{
    public enum Outcome
    {
        /** The best fit: the plan takes it. */
        CHOSEN,
        /** It would do, but the chosen one ranks higher. */
        OUTRANKED,
        /** It cannot serve the request. */
        REJECTED;

        public String label()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public CandidateResult
    {
        requireNonNull(candidate, "candidate is null");
        requireNonNull(outcome, "outcome is null");
        rejections = List.copyOf(requireNonNull(rejections, "rejections is null"));
        requireNonNull(explanation, "explanation is null");
    }
}
