package io.libvfio.runtime.setup;


import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * systemd-boot without {@code /etc/kernel/cmdline}: the {@code options} lines of the Boot Loader
 * Specification entries ({@code loader/entries/*.conf} on the ESP or {@code /boot}), which the
 * boot loader reads as they are.
 */
final class LoaderEntries
        implements BootLoader
{
    static final List<String> DIRECTORIES = List.of("/boot/loader/entries", "/efi/loader/entries", "/boot/efi/loader/entries");

    @Override
    public String describe()
    {
        return "systemd-boot (loader/entries/*.conf)";
    }

    private static List<String> found(ConfigFiles fs)
    {
        List<String> entries = new ArrayList<>();
        for (String directory : DIRECTORIES) {
            for (String name : fs.list(directory)) {
                if (name.endsWith(".conf")) {
                    entries.add(directory + "/" + name);
                }
            }
        }
        return entries;
    }

    @Override
    public boolean present(ConfigFiles fs)
    {
        return !found(fs).isEmpty();
    }

    @Override
    public List<FileChange> changes(ConfigFiles fs, List<String> parameters)
    {
        List<FileChange> changes = new ArrayList<>();
        for (String entry : found(fs)) {
            String text = fs.read(entry).orElse("");
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            List<String> present = new ArrayList<>();
            int last = -1;
            for (int index = 0; index < lines.size(); index++) {
                String line = lines.get(index).strip();
                if (line.startsWith("options ") || line.equals("options")) {
                    present.addAll(KernelParameters.split(line.substring("options".length())));
                    last = index;
                }
            }
            List<String> missing = KernelParameters.missing(present, parameters);
            if (missing.isEmpty()) {
                continue;
            }
            if (last >= 0) {
                List<String> words = KernelParameters.merge(KernelParameters.split(lines.get(last).strip().substring("options".length())), missing);
                lines.set(last, "options " + String.join(" ", words));
            }
            else {
                int end = lines.size() > 0 && lines.get(lines.size() - 1).isEmpty() ? lines.size() - 1 : lines.size();
                lines.add(end, "options " + String.join(" ", missing));
            }
            changes.add(new FileChange(entry, Optional.of(text), String.join("\n", lines), "kernel parameters " + String.join(" ", missing)));
        }
        return changes;
    }

    @Override
    public List<String> followUp(ConfigFiles fs)
    {
        return List.of();
    }
}
