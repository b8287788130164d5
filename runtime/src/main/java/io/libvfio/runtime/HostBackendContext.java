package io.libvfio.runtime;

import io.libvfio.api.HostInventory;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.CommandRunner;
import io.libvfio.api.spi.HostFs;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/** The {@link BackendContext} the runtime hands each backend: shared host access, its own settings. */
final class HostBackendContext
        implements BackendContext
{
    private final HostFs fs;
    private final Supplier<HostInventory> inventory;
    private final CommandRunner commands;
    private final Clock clock;
    private final Map<String, String> config;
    private final boolean dryRun;

    HostBackendContext(HostFs fs, Supplier<HostInventory> inventory, CommandRunner commands, Clock clock, Map<String, String> config)
    {
        this(fs, inventory, commands, clock, config, false);
    }

    HostBackendContext(HostFs fs, Supplier<HostInventory> inventory, CommandRunner commands, Clock clock, Map<String, String> config, boolean dryRun)
    {
        this.dryRun = dryRun;
        this.fs = requireNonNull(fs, "fs is null");
        this.inventory = requireNonNull(inventory, "inventory is null");
        this.commands = requireNonNull(commands, "commands is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.config = Map.copyOf(config);
    }

    @Override
    public HostFs fs()
    {
        return fs;
    }

    @Override
    public HostInventory inventory()
    {
        return inventory.get();
    }

    @Override
    public CommandRunner commands()
    {
        return commands;
    }

    @Override
    public Clock clock()
    {
        return clock;
    }

    @Override
    public Map<String, String> config()
    {
        return config;
    }

    @Override
    public boolean dryRun()
    {
        return dryRun;
    }
}
