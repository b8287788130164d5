package io.libvfio.sample.mbochs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The real {@code libvfio} command ({@code cli/target/libvfio/bin/libvfio}, as a user runs it),
 * started as a process with an argument list and a time limit.
 */
final class CliProcess
{
    private final Path launcher;

    CliProcess(Path launcher)
    {
        this.launcher = requireNonNull(launcher, "launcher is null");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing: build the distribution first (mvn -o -q -DskipTests package -pl cli -am)");
        }
    }

    /** What one run printed and returned. */
    record Result(List<String> command, int exitCode, String out, String err)
    {
        @Override
        public String toString()
        {
            return String.join(" ", command) + " -> exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    Result run(String... args)
    {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("libvfio-out", ".txt");
            Path err = Files.createTempFile("libvfio-err", ".txt");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 180 s");
            }
            Result result = new Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
