package io.libvfio.runtime.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A JVM that started a detached program ends through {@link NativeExit} with its status and its output flushed. */
final class NativeExitTest
{
    /** The child JVM: prints a line, starts a detached program, exits through NativeExit with status 7. */
    public static final class Probe
    {
        public static void main(String[] args)
        {
            System.out.println("flushed before the exit");
            System.out.flush();
            ProcessHandle child = new DetachedLauncher().start(List.of("sleep", "5"), Path.of(args[0]));
            System.out.println("child " + child.pid());
            System.out.flush();
            NativeExit.exitIfArmed(7);
            System.out.println("not reached");
            System.exit(1);
        }
    }

    @Test
    void aJvmWithADetachedChildEndsWithItsStatusAndItsOutput(@TempDir Path directory)
            throws IOException, InterruptedException
    {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), Probe.class.getName(),
                directory.resolve("sleep.log").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(output).isEqualTo(7);
        assertThat(output).contains("flushed before the exit").doesNotContain("not reached");
        // the detached program outlived the JVM that started it
        long pid = Long.parseLong(output.substring(output.indexOf("child ") + 6).strip());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isPresent();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }
}
