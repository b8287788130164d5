package io.libvfio.runtime.plan;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/** Why a candidate cannot serve a request: the rule it breaks, and the facts in words. */
public record Rejection(Reason reason, String detail)
{
    public enum Reason
    {
        WRONG_MECHANISM,
        WRONG_GPU,
        WRONG_PARENT,
        WRONG_TYPE,
        NOT_ACCEPTABLE,
        WRONG_SUFFIX,
        TOO_SMALL,
        TOO_BIG,
        NO_FREE_INSTANCE,
        HOMOGENEOUS,
        TAKEN_BY_PLAN;

        /** {@code too-small}, as JSON and tables show it. */
        public String label()
        {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Rejection
    {
        requireNonNull(reason, "reason is null");
        requireNonNull(detail, "detail is null");
    }

    /** True for the reasons that depend on what is in use now, not on what the candidate is. */
    public boolean isAvailability()
    {
        return reason == Reason.NO_FREE_INSTANCE || reason == Reason.HOMOGENEOUS || reason == Reason.TAKEN_BY_PLAN;
    }
}
