package io.libvfio.runtime.doctor;

/** The outcome of one check. */
public enum CheckStatus
{
    /** As it should be. */
    PASS("pass"),
    /** Works, but not as well as it could, or needs a step before use. */
    WARN("warn"),
    /** Stands in the way. */
    FAIL("fail"),
    /** Could not be read; the reason says why. */
    UNKNOWN("unknown");

    private final String label;

    CheckStatus(String label)
    {
        this.label = label;
    }

    public String label()
    {
        return label;
    }
}
