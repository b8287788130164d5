package io.libvfio.backend.nvidia.gvm;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an NVIDIA vGPU profile name says about the profile. The vendor-VFIO interface
 * (sysfs-spec §5.3) gives only the name, so the framebuffer comes from it:
 * <ul>
 * <li>the short name is the last whitespace-separated token ({@code NVIDIA L40S-2Q} → {@code L40S-2Q}),
 * as NVIDIA's own tools match it;</li>
 * <li>its last dash-separated segment is {@code <size><series>}: {@code 2Q}, {@code 1B}, {@code 48A},
 * or {@code 18C} in MIG-backed names such as {@code H200X-1-18C} (the {@code 1} before it is the
 * number of GPU slices, not a size);</li>
 * <li>the framebuffer is {@code size} GiB, except {@code 0}, which NVIDIA uses for the 512 MiB
 * profiles ({@code M60-0B}).</li>
 * </ul>
 * A name that does not end that way has no known size.
 */
final class VgpuProfileName
{
    private static final Pattern SIZE_AND_SERIES = Pattern.compile("([0-9]{1,4})([A-Z]{1,4})");

    private VgpuProfileName()
    {
    }

    static String shortName(String name)
    {
        String stripped = name.strip();
        return stripped.substring(stripped.lastIndexOf(' ') + 1);
    }

    static OptionalLong framebufferMib(String name)
    {
        return sizeAndSeries(name).map(matcher -> {
            long gibibytes = Long.parseLong(matcher.group(1));
            return OptionalLong.of(gibibytes == 0 ? 512 : gibibytes * 1024);
        }).orElse(OptionalLong.empty());
    }

    /** The profile series letter(s): Q (virtual workstation), B (virtual PC), A (virtual apps), C (compute). */
    static Optional<String> series(String name)
    {
        return sizeAndSeries(name).map(matcher -> matcher.group(2));
    }

    private static Optional<Matcher> sizeAndSeries(String name)
    {
        String shortName = shortName(name);
        int dash = shortName.lastIndexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        Matcher matcher = SIZE_AND_SERIES.matcher(shortName.substring(dash + 1));
        return matcher.matches() ? Optional.of(matcher) : Optional.empty();
    }
}
