package io.libvfio.runtime.setup;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One file setup would write: its host path, what it holds now (empty for a new file), what it
 * will hold, and why.
 */
public record FileChange(String path, Optional<String> before, String after, String reason)
{
    public FileChange
    {
        requireNonNull(path, "path is null");
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        requireNonNull(reason, "reason is null");
    }

    public boolean creates()
    {
        return before.isEmpty();
    }

    /** The unified diff from {@link #before} to {@link #after}. */
    public String diff()
    {
        return UnifiedDiff.of(path, before, after);
    }
}
