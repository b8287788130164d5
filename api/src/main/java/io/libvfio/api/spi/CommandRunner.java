package io.libvfio.api.spi;

import java.time.Duration;
import java.util.List;

/** Runs a program from an argument list: never through a shell. */
public interface CommandRunner
{
    CommandResult run(List<String> argv, Duration timeout);
}
