package io.libvfio.runtime.vm.config;

import static java.util.Objects.requireNonNull;

/** One thing wrong with a VM file, and where. */
public record ConfigProblem(SourcePosition position, String message)
{
    public ConfigProblem
    {
        requireNonNull(position, "position is null");
        requireNonNull(message, "message is null");
    }

    /** {@code FILE:LINE:COLUMN: KEY: message}. */
    public String render(String file)
    {
        return position.message(file, message);
    }
}
