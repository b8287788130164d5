package io.libvfio.runtime.setup;


import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A line-per-entry configuration file that setup owns ({@code /etc/modules-load.d/libvfio.conf},
 * {@code /etc/modprobe.d/libvfio.conf}, a tmpfiles rule): a header comment and one line per entry.
 * Lines already in the file stay, including the user's own; missing ones are appended.
 */
final class ConfigLines
{
    private ConfigLines()
    {
    }

    static Optional<FileChange> ensure(ConfigFiles fs, String path, String header, List<String> wanted, String reason)
    {
        Optional<String> before = fs.read(path);
        if (before.isEmpty() && wanted.isEmpty()) {
            return Optional.empty();
        }
        List<String> present = new ArrayList<>();
        for (String line : before.orElse("").split("\n")) {
            present.add(line.strip());
        }
        List<String> missing = new ArrayList<>();
        for (String line : wanted) {
            if (!present.contains(line) && !missing.contains(line)) {
                missing.add(line);
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder after = new StringBuilder(before.orElse("# " + header + "\n"));
        if (after.length() > 0 && after.charAt(after.length() - 1) != '\n') {
            after.append('\n');
        }
        for (String line : missing) {
            after.append(line).append('\n');
        }
        return Optional.of(new FileChange(path, before, after.toString(), reason + ": " + String.join(", ", missing)));
    }
}
