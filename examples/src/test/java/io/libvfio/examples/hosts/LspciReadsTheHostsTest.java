package io.libvfio.examples.hosts;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code lspci} (pciutils), pointed at a host's {@code sys/bus/pci}, lists exactly the
 * functions the tree holds, with their class and ids: the trees are shaped like sysfs, not just
 * like what our own reader expects. Skipped when lspci is missing, except under {@code CI=true}.
 */
final class LspciReadsTheHostsTest
{
    /** {@code 0000:00:02.0 0300: 8086:3e9b (rev 02)}; the revision is left out when 0. */
    private static final Pattern LINE = Pattern.compile(
            "([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]) ([0-9a-f]{4}): ([0-9a-f]{4}):([0-9a-f]{4})( \\(rev [0-9a-f]{2}\\))?( \\(prog-if [0-9a-f]{2}.*\\))?");

    static List<String> hostNames()
    {
        return ExampleHosts.names();
    }

    @ParameterizedTest
    @MethodSource("hostNames")
    void lspciListsExactlyTheTreesFunctions(String name) throws Exception
    {
        Path lspci = lspci();
        Path root = ExampleHosts.committedDirectory().resolve(name).toAbsolutePath();
        Process process = new ProcessBuilder(List.of(lspci.toString(), "-A", "linux-sysfs", "-O", "sysfs.path=" + root.resolve("sys/bus/pci"), "-n", "-D"))
                .redirectErrorStream(false)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("lspci finished").isTrue();
        assertThat(process.exitValue()).as("lspci exit status; stderr: " + errors).isZero();

        List<String> listed = new ArrayList<>();
        for (String line : output.lines().toList()) {
            Matcher matcher = LINE.matcher(line);
            assertThat(matcher.matches()).as("lspci line '" + line + "'").isTrue();
            listed.add(matcher.group(1) + " " + matcher.group(2) + " " + matcher.group(3) + ":" + matcher.group(4));
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(functionsOf(root));
    }

    /** {@code BDF class vendor:device} of every {@code sys/bus/pci/devices} entry, from the attribute files. */
    private static List<String> functionsOf(Path root) throws IOException
    {
        List<String> functions = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root.resolve("sys/bus/pci/devices"))) {
            for (Path device : entries.sorted().toList()) {
                functions.add(device.getFileName() + " " + HostTree.value(device.resolve("class")).substring(2, 6) + " "
                        + HostTree.value(device.resolve("vendor")).substring(2) + ":" + HostTree.value(device.resolve("device")).substring(2));
            }
        }
        return functions;
    }

    /** The lspci binary; a skipped test when missing, a failure when missing under CI=true. */
    private static Path lspci()
    {
        Optional<Path> found = findOnPath("lspci");
        if (found.isEmpty()) {
            String message = "lspci not found on PATH or in /usr/bin, /usr/sbin, /sbin, /bin: install pciutils (apt-get install -y pciutils)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + " (required when CI=true)");
            }
            Assumptions.abort(message + "; skipping the lspci cross-check");
        }
        return found.get();
    }

    private static Optional<Path> findOnPath(String program)
    {
        List<String> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            directories.addAll(List.of(path.split(File.pathSeparator)));
        }
        directories.addAll(List.of("/usr/bin", "/usr/sbin", "/sbin", "/bin"));
        return directories.stream().filter(directory -> !directory.isBlank()).map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable).findFirst();
    }
}
