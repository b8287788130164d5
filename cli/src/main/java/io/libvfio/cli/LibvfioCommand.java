package io.libvfio.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: lists the subcommands. */
@Command(name = "libvfio",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Share GPUs between this host and virtual machines through Linux VFIO:",
                "mediated devices, SR-IOV virtual functions, NVIDIA vendor VFIO and whole-GPU passthrough.",
                ""},
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Every command reads and writes the host only under --root (default /).",
                "Run 'libvfio COMMAND --help' for a command's options."})
public final class LibvfioCommand
        implements Runnable
{
    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
