package io.libvfio.cli;

import io.libvfio.runtime.host.RuntimeDirectories;
import io.libvfio.runtime.vm.spec.VmFiles;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * {@code start --dry-run} of a tiny VM file on a scratch host (the VM file loader, the QEMU
     * argv and the state lock are on the start path), then the rest of the start path without
     * QEMU ({@link CdsStartTraining}); the scratch host is removed afterwards.
     */
    private static void trainVmStart()
    {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("libvfio-cds");
            Files.createDirectories(scratch.resolve("root/sys/bus/pci/devices"));
            Path vm = scratch.resolve("tiny.yaml");
            Files.writeString(vm, "libvfio: 1\nname: tiny\nmemory: 128\ncpus: 1\naccelerator: tcg\nfirmware: bios\nhugepages: off\n"
                    + "network: {mode: none}\nspice: off\nvnc: off\naudio: none\nheadless: true\nvsock: off\n");
            String root = scratch.resolve("root").toString();
            for (String[] command : List.of(new String[] {"--root", root, "start", "--disable-gpu", "--dry-run", vm.toString()},
                    new String[] {"--root", root, "start", "--disable-gpu", "--dry-run", "--json", vm.toString()})) {
                Cli.run(command, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            }
            // what start does after the dry run's end: launch, QMP, the state record (which 'ps' then reconciles)
            CdsStartTraining.run(scratch, VmFiles.statesDirectory(RuntimeDirectories.forRoot(Path.of(root))));
            for (String[] command : List.of(new String[] {"--root", root, "ps"}, new String[] {"--root", root, "ps"})) {
                Cli.run(command, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            }
        }
        catch (IOException e) {
            // training is best effort: the archive then lacks the start path
        }
        finally {
            if (scratch != null) {
                delete(scratch.toFile());
            }
        }
    }

    private static void delete(File file)
    {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                delete(child);
            }
        }
        file.delete();
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
        trainVmStart();
        Cli.run(new String[] {"--help"}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        // VM files: the schema, and a check of the schema itself (a valid native file) and of a missing one.
        StringWriter schema = new StringWriter();
        Cli.run(new String[] {"config", "schema"}, new PrintWriter(schema), new PrintWriter(new StringWriter()));
        try {
            File file = File.createTempFile("libvfio-cds-", ".yaml");
            Files.writeString(file.toPath(), schema.toString());
            Cli.run(new String[] {"config", "check", file.getPath(), args[0] + "/missing.yaml"}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            Cli.run(new String[] {"config", "check", "--native", file.getPath()}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            file.delete();
        }
        catch (IOException e) {
            // training is best effort: a class missed here is only loaded a little later
        }
        Cli.run(new String[] {"--root", roots.get(0), "ls"}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        Cli.run(new String[] {"types", "bad"}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }
}
