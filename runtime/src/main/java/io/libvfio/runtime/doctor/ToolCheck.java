package io.libvfio.runtime.doctor;

import io.libvfio.api.VfioException;
import io.libvfio.api.spi.CommandResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * QEMU, qemu-img and swtpm present, with their versions. Programs are looked for only in the
 * usual directories under the root. On the real root they are run with {@code --version} through
 * the runtime's command runner (argv, time limit); a simulated root's programs are never run (a
 * tree from elsewhere could hold anything), so there only their presence is reported.
 */
final class ToolCheck
        implements DoctorCheck
{
    static final List<String> DIRECTORIES = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/libexec");
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern VERSION = Pattern.compile("version\\s+v?([0-9][^\\s,()]*)");

    @Override
    public String id()
    {
        return "tool";
    }

    @Override
    public String title()
    {
        return "Tools";
    }

    @Override
    public List<Check> run(DoctorHost host)
    {
        List<Check> checks = new ArrayList<>();
        for (Tool tool : Tool.ALL) {
            checks.add(check(host, tool));
        }
        return checks;
    }

    private Check check(DoctorHost host, Tool tool)
    {
        String id = id() + "." + tool.id();
        Optional<String> found = find(host, tool.names());
        if (found.isEmpty()) {
            String reason = "not found (looked for %s in %s%s)".formatted(String.join(", ", tool.names()), String.join(", ", DIRECTORIES),
                    host.simulated() ? " under the root" : "");
            if (tool.required()) {
                return Check.fail(id, tool.title(), reason + ": " + tool.purpose(), tool.install());
            }
            return Check.warn(id, tool.title(), reason + ": " + tool.purpose(), tool.install());
        }
        String path = found.get();
        if (host.simulated()) {
            return Check.pass(id, tool.title(), path + " is there (programs under a simulated root are not run, so no version)");
        }
        CommandResult result;
        try {
            result = host.commands().run(List.of(host.file(path).toString(), "--version"), TIMEOUT);
        }
        catch (VfioException e) {
            return Check.warn(id, tool.title(), "%s is there but could not be run: %s".formatted(path, e.getMessage()),
                    "check that it is executable, or reinstall it: " + tool.install());
        }
        if (!result.succeeded()) {
            String said = firstLine(result.stderr().isBlank() ? result.stdout() : result.stderr());
            return Check.warn(id, tool.title(), "%s --version failed (exit %d)%s".formatted(path, result.exitCode(), said.isEmpty() ? "" : ": " + said),
                    "reinstall it: " + tool.install());
        }
        Optional<String> version = version(result.stdout());
        return Check.pass(id, tool.title(), version.map(value -> tool.title() + " " + value + " (" + path + ")")
                .orElse(path + " (no version in its --version output: '" + firstLine(result.stdout()) + "')"));
    }

    static Optional<String> find(DoctorHost host, List<String> names)
    {
        for (String name : names) {
            for (String directory : DIRECTORIES) {
                String path = directory + "/" + name;
                if (host.fs().exists(path) && !host.fs().isDirectory(path)) {
                    return Optional.of(path);
                }
            }
        }
        return Optional.empty();
    }

    /** The version number a {@code --version} banner gives ({@code QEMU emulator version 8.2.2 (Debian ...)} gives {@code 8.2.2}). */
    static Optional<String> version(String output)
    {
        Matcher matcher = VERSION.matcher(output);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String firstLine(String text)
    {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
