package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.HostInventory;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.CommandRunner;
import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A backend context whose sleeper only writes down how long it was asked to wait. */
final class SleeplessContext
        implements BackendContext
{
    private final BackendContext base;
    private final List<Duration> sleeps = new ArrayList<>();

    SleeplessContext(BackendContext base)
    {
        this.base = requireNonNull(base, "base is null");
    }

    /** Every wait asked for, in order. */
    List<Duration> sleeps()
    {
        return List.copyOf(sleeps);
    }

    @Override
    public HostFs fs()
    {
        return base.fs();
    }

    @Override
    public HostInventory inventory()
    {
        return base.inventory();
    }

    @Override
    public CommandRunner commands()
    {
        return base.commands();
    }

    @Override
    public Clock clock()
    {
        return base.clock();
    }

    @Override
    public Map<String, String> config()
    {
        return base.config();
    }

    @Override
    public boolean dryRun()
    {
        return base.dryRun();
    }

    @Override
    public Sleeper sleeper()
    {
        return sleeps::add;
    }
}
