package io.libvfio.runtime.vm;

import io.libvfio.runtime.vm.state.VmState;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** A VM that runs now, with how long it has run. */
public record RunningVm(VmState state, Duration uptime)
{
    public RunningVm
    {
        requireNonNull(state, "state is null");
        requireNonNull(uptime, "uptime is null");
    }
}
