package io.libvfio.runtime.host;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a long-running program (QEMU, the Looking Glass client, the Scream receiver) from an
 * argument list, never a shell, detached from libvfio: in its own session (through
 * {@code setsid} when the machine has it), stdin from {@code /dev/null}, stdout and stderr
 * appended to a log file. It outlives the libvfio command that started it, which therefore
 * ends through {@link NativeExit}.
 */
public final class DetachedLauncher
{
    private static final String[] SETSID = {"/usr/bin/setsid", "/bin/setsid"};

    public ProcessHandle start(List<String> argv, Path log)
    {
        if (argv.isEmpty()) {
            throw new VfioException(StandardErrorCode.INVALID_ARGUMENT, "empty command");
        }
        List<String> command = new ArrayList<>(argv.size() + 1);
        String setsid = setsid();
        if (setsid != null) {
            command.add(setsid);
        }
        command.addAll(argv);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            Files.createDirectories(log.getParent());
            ProcessHandle started = builder.start().toHandle();
            // the child outlives this JVM, whose ordinary exit would wait for the reaper thread in waitpid
            NativeExit.arm();
            return started;
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.COMMAND_FAILED, "cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static String setsid()
    {
        for (String candidate : SETSID) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return null;
    }
}
