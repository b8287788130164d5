package io.libvfio.cli.command;

import io.libvfio.cli.args.CommandSpec;

/** A subcommand: its spec (options, arguments, help) and what it does. */
public interface CliCommand
{
    CommandSpec spec();

    /** Runs the command; failures are thrown as {@link io.libvfio.api.VfioException}s. */
    void run(Session session);
}
