package io.libvfio.runtime.host;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.CommandResult;
import io.libvfio.api.spi.CommandRunner;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The one place libvfio starts programs: from an argument list (never a shell string), with a
 * time limit, capturing stdout and stderr.
 */
public final class ProcessCommandRunner
        implements CommandRunner
{
    @Override
    public CommandResult run(List<String> argv, Duration timeout)
    {
        if (argv.isEmpty()) {
            throw new VfioException(StandardErrorCode.INVALID_ARGUMENT, "empty command");
        }
        CommandLine command = new CommandLine(argv.get(0));
        for (String argument : argv.subList(1, argv.size())) {
            command.addArgument(argument, false);
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
        executor.setWatchdog(watchdog);
        executor.setStreamHandler(new PumpStreamHandler(stdout, stderr));
        executor.setExitValues(null);
        int exitCode;
        try {
            exitCode = executor.execute(command);
        }
        catch (ExecuteException e) {
            exitCode = e.getExitValue();
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.COMMAND_FAILED, "cannot run %s: %s".formatted(argv.get(0), e.getMessage()), e);
        }
        if (watchdog.killedProcess()) {
            throw new VfioException(StandardErrorCode.TIMEOUT, "%s did not finish within %d s".formatted(argv.get(0), timeout.toSeconds()));
        }
        return new CommandResult(argv, exitCode, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }
}
