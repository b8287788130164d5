package io.libvfio.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The build's training run for the class-data-sharing archive: runs the read-only commands on
 * a simulated host so their classes land in {@code lib/libvfio.jsa}. Output is discarded.
 */
public final class CdsTraining
{
    private CdsTraining()
    {
    }

    public static void main(String[] args)
    {
        String root = args[0];
        String[][] runs = {
                {"--root", root, "gpus", "--json"},
                {"--root", root, "gpus"},
                {"--root", root, "types", "--json"},
                {"--root", root, "types"},
                {"--root", root, "backends", "--json"},
                {"--root", root, "backends"},
                {"--root", root + "/missing", "gpus"},
                {"--help"},
        };
        for (String[] run : runs) {
            Cli.run(run, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        }
    }
}
