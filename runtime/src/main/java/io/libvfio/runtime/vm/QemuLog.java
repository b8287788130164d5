package io.libvfio.runtime.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** QEMU's own words from its log file: the last lines it wrote, for an error message. */
final class QemuLog
{
    private QemuLog()
    {
    }

    static String lastLines(Path log, int count)
    {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (int index = lines.size() - 1; index >= 0 && kept.size() < count; index--) {
            String line = lines.get(index).strip();
            if (!line.isEmpty()) {
                kept.add(0, line);
            }
        }
        return String.join(" / ", kept);
    }
}
