package io.libvfio.testkit.contract;

import io.libvfio.api.HostInventory;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.CommandRunner;
import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.Sleeper;

import java.time.Clock;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A backend context that sees the host through another file system, optionally as a dry run. */
final class ContractContext
        implements BackendContext
{
    private final BackendContext base;
    private final HostFs fs;
    private final boolean dryRun;

    ContractContext(BackendContext base, HostFs fs, boolean dryRun)
    {
        this.base = requireNonNull(base, "base is null");
        this.fs = requireNonNull(fs, "fs is null");
        this.dryRun = dryRun;
    }

    @Override
    public HostFs fs()
    {
        return fs;
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
    public Sleeper sleeper()
    {
        return base.sleeper();
    }

    @Override
    public Map<String, String> config()
    {
        return base.config();
    }

    @Override
    public boolean dryRun()
    {
        return dryRun;
    }
}
