package io.libvfio.api.spi;

import static java.util.Objects.requireNonNull;

/**
 * A backend's answer to "can you serve this host?".
 *
 * @param reason what was found (supported) or why not (unsupported), in words a user can act on
 */
public record Probe(boolean supported, String reason)
{
    public Probe
    {
        requireNonNull(reason, "reason is null");
    }

    public static Probe supported(String reason)
    {
        return new Probe(true, reason);
    }

    public static Probe unsupported(String reason)
    {
        return new Probe(false, reason);
    }
}
