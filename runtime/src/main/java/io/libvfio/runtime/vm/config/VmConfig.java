package io.libvfio.runtime.vm.config;

import io.libvfio.api.PciAddress;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One VM, fully defaulted and validated, from either file format ({@link VmConfigLoader}).
 * <p>
 * {@code name} is safe in file names and QEMU options ({@link #isValidName}): in a native file
 * its {@code name} key (default: the file name without {@code .yaml}); in a LibVF.IO file always
 * the file name, since every LibVF.IO example carries the same free-text {@code name}, which is
 * kept as {@code title}. Paths are absolute. {@code excludedDevices} are PCI devices never to
 * hand to this VM (LibVF.IO's {@code blacklistedPci}). {@code warnings} name settings that load
 * but are ignored; {@code positions} say where each setting was written, for later errors.
 */
public record VmConfig(
        String name,
        Optional<String> title,
        Path source,
        ConfigFormat format,
        Machine machine,
        Storage storage,
        Network network,
        Display display,
        Allocation vsock,
        List<GpuRequest> gpus,
        Hooks hooks,
        List<PciAddress> excludedDevices,
        List<ConfigWarning> warnings,
        SourcePositions positions)
{
    public static final int MAX_NAME_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public VmConfig
    {
        requireNonNull(name, "name is null");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid VM name: " + name);
        }
        requireNonNull(title, "title is null");
        requireNonNull(source, "source is null");
        requireNonNull(format, "format is null");
        requireNonNull(machine, "machine is null");
        requireNonNull(storage, "storage is null");
        requireNonNull(network, "network is null");
        requireNonNull(display, "display is null");
        requireNonNull(vsock, "vsock is null");
        gpus = List.copyOf(requireNonNull(gpus, "gpus is null"));
        requireNonNull(hooks, "hooks is null");
        excludedDevices = List.copyOf(requireNonNull(excludedDevices, "excludedDevices is null"));
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
        requireNonNull(positions, "positions is null");
    }

    /** Letters, digits, {@code _ . -}, starting with a letter or digit, at most 64 characters, not ending in {@code .}. */
    public static boolean isValidName(String name)
    {
        return name != null && NAME.matcher(name).matches() && !name.endsWith(".") && !name.contains("..");
    }
}
