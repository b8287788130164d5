package io.libvfio.cli;

import io.libvfio.runtime.host.NativeExit;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code libvfio} entry point: the only class that touches the process's standard streams
 * or exits.
 */
public final class Main
{
    private Main()
    {
    }

    public static void main(String[] args)
    {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int exitCode = Cli.run(args, out, err);
        out.flush();
        err.flush();
        System.out.flush();
        System.err.flush();
        // after starting a detached program (QEMU): exit at once, not after the JVM's wait for its reaper thread
        NativeExit.exitIfArmed(exitCode);
        System.exit(exitCode);
    }
}
