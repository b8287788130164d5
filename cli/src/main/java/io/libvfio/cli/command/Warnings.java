package io.libvfio.cli.command;

import java.io.PrintWriter;
import java.util.List;

/** Discovery warnings on stderr, one line each, so stdout stays clean. */
final class Warnings
{
    private Warnings()
    {
    }

    static void print(PrintWriter err, List<String> warnings)
    {
        for (String warning : warnings) {
            err.println("libvfio: warning: " + warning);
        }
        err.flush();
    }
}
