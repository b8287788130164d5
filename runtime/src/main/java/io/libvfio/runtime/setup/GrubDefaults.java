package io.libvfio.runtime.setup;


import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GRUB: {@code GRUB_CMDLINE_LINUX_DEFAULT} in {@code /etc/default/grub} (a shell fragment; the
 * last assignment counts). A parameter already in {@code GRUB_CMDLINE_LINUX} counts as present.
 * Afterwards the distribution's {@code update-grub} or {@code grub-mkconfig} regenerates grub.cfg.
 */
final class GrubDefaults
        implements BootLoader
{
    static final String PATH = "/etc/default/grub";
    private static final Pattern ASSIGNMENT = Pattern.compile("^(\\s*(?:export\\s+)?)(GRUB_CMDLINE_LINUX(?:_DEFAULT)?)=(.*)$");

    @Override
    public String describe()
    {
        return "GRUB (" + PATH + ")";
    }

    @Override
    public boolean present(ConfigFiles fs)
    {
        return fs.isFile(PATH);
    }

    @Override
    public List<FileChange> changes(ConfigFiles fs, List<String> parameters)
    {
        String text = fs.read(PATH).orElse("");
        String[] lines = text.split("\n", -1);
        int defaultLine = -1;
        List<String> present = new ArrayList<>();
        for (int index = 0; index < lines.length; index++) {
            Matcher matcher = ASSIGNMENT.matcher(lines[index]);
            if (matcher.matches()) {
                present.addAll(KernelParameters.split(unquote(matcher.group(3))));
                if (matcher.group(2).equals("GRUB_CMDLINE_LINUX_DEFAULT")) {
                    defaultLine = index;
                }
            }
        }
        List<String> missing = KernelParameters.missing(present, parameters);
        if (missing.isEmpty()) {
            return List.of();
        }
        String after;
        if (defaultLine >= 0) {
            Matcher matcher = ASSIGNMENT.matcher(lines[defaultLine]);
            matcher.matches();
            String value = matcher.group(3).trim();
            char quote = value.startsWith("'") ? '\'' : '"';
            List<String> words = KernelParameters.merge(KernelParameters.split(unquote(value)), missing);
            lines[defaultLine] = matcher.group(1) + "GRUB_CMDLINE_LINUX_DEFAULT=" + quote + String.join(" ", words) + quote;
            after = String.join("\n", lines);
        }
        else {
            String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
            after = text + separator + "GRUB_CMDLINE_LINUX_DEFAULT=\"" + String.join(" ", missing) + "\"\n";
        }
        return List.of(new FileChange(PATH, Optional.of(text), after, "kernel parameters " + String.join(" ", missing)));
    }

    @Override
    public List<String> followUp(ConfigFiles fs)
    {
        if (fs.exists("/usr/sbin/update-grub") || fs.exists("/sbin/update-grub")) {
            return List.of("update-grub");
        }
        if (fs.isDirectory("/boot/grub2") || fs.exists("/usr/sbin/grub2-mkconfig")) {
            return List.of("grub2-mkconfig -o /boot/grub2/grub.cfg");
        }
        return List.of("grub-mkconfig -o /boot/grub/grub.cfg");
    }

    /** The value without its shell quotes. */
    static String unquote(String value)
    {
        String trimmed = value.trim();
        if (trimmed.length() >= 2 && (trimmed.startsWith("\"") && trimmed.endsWith("\"") || trimmed.startsWith("'") && trimmed.endsWith("'"))) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }
}
