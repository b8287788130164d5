package io.libvfio.cli.command;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code libvfio completion}: the bash completion script. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the bash completion script.",
                "Install with: libvfio completion > /etc/bash_completion.d/libvfio"})
public final class CompletionCommand
        implements Runnable
{
    @Spec
    CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().getOut().print(AutoComplete.bash("libvfio", spec.parent().commandLine()));
        spec.commandLine().getOut().flush();
    }
}
