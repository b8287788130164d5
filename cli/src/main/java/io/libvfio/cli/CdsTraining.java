package io.libvfio.cli;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The build's training run for the class-data-sharing archive: runs the read-only host commands on
 * every simulated host under the given directory, so their classes land in
 * {@code lib/libvfio.jsa}. Output is discarded. {@code gvm-profiles} is left out on purpose: it
 * reads user files rather than the host, and keeping SnakeYAML out of the archive keeps the
 * archive that every start-up maps small.
 */
public final class CdsTraining
{
    private CdsTraining()
    {
    }

    public static void main(String[] args)
            throws ClassNotFoundException
    {
        // The entry point itself, loaded but not run (it exits the JVM).
        Class.forName(Main.class.getName());
        List<String> roots = new ArrayList<>();
        File[] hosts = new File(args[0]).listFiles(File::isDirectory);
        if (hosts != null) {
            for (File host : hosts) {
                roots.add(host.getPath());
            }
        }
        roots.add(args[0] + "/missing");
        for (String root : roots) {
            for (String[] command : List.of(new String[] {"gpus", "--json"}, new String[] {"gpus"}, new String[] {"types", "--json"},
                    new String[] {"types"}, new String[] {"backends", "--json"}, new String[] {"backends"},
                    new String[] {"vgpus", "--json"}, new String[] {"vgpus"},
                    new String[] {"doctor", "--json"}, new String[] {"doctor"}, new String[] {"setup"},
                    new String[] {"plan", "--vram", "1G:4G"}, new String[] {"plan", "--vram", "1G", "--policy", "pack", "--json"},
                    new String[] {"ps"}, new String[] {"ps", "--json"}, new String[] {"stop", "cds-training"})) {
                String[] run = new String[command.length + 2];
                run[0] = "--root";
                run[1] = root;
                System.arraycopy(command, 0, run, 2, command.length);
                Cli.run(run, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            }
        }
        Cli.run(new String[] {"--help"}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        Cli.run(new String[] {"types", "bad"}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }
}
