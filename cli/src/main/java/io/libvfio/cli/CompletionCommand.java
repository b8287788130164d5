package io.libvfio.cli;

import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.command.CliCommand;
import io.libvfio.cli.command.Session;

import java.util.List;

/** {@code libvfio completion}: the bash completion script. */
final class CompletionCommand
        implements CliCommand
{
    private static final CommandSpec SPEC = new CommandSpec("completion", "Print the bash completion script.",
            List.of("Install it with: libvfio completion > /etc/bash_completion.d/libvfio"), List.of(), List.of());

    private final Cli cli;

    CompletionCommand(Cli cli)
    {
        this.cli = cli;
    }

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        session.out().print(cli.completionScript());
        session.out().flush();
    }
}
