package io.libvfio.api.spi;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** The outcome of a finished program. */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr)
{
    public CommandResult
    {
        argv = List.copyOf(requireNonNull(argv, "argv is null"));
        requireNonNull(stdout, "stdout is null");
        requireNonNull(stderr, "stderr is null");
    }

    public boolean succeeded()
    {
        return exitCode == 0;
    }
}
