package io.libvfio.cli.command;

import io.libvfio.cli.args.OptionSpec;
import io.libvfio.runtime.host.HostWrite;

import java.io.PrintWriter;
import java.util.List;

/** What every command that changes the host shares: {@code --dry-run}, and how the writes are shown. */
final class MutationOptions
{
    static final OptionSpec DRY_RUN = OptionSpec.flag("--dry-run", "Print the exact host writes, in order, without making them.");

    private MutationOptions()
    {
    }

    static void printWrites(PrintWriter out, String heading, List<HostWrite> writes)
    {
        out.println(heading);
        if (writes.isEmpty()) {
            out.println("  (none)");
        }
        for (HostWrite write : writes) {
            out.println("  " + write);
        }
    }
}
