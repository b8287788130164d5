package io.libvfio.runtime.host;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where libvfio keeps its own files: the <em>run</em> directory (locks, vGPU records, QMP
 * sockets, per-VM state of running VMs; gone at reboot) and the <em>data</em> directory (VM
 * images, OVMF vars copies, logs).
 * <p>
 * On a simulated host ({@code --root} other than {@code /}) both live inside the root:
 * {@code <root>/run/libvfio} and {@code <root>/var/lib/libvfio}, so tests never touch the
 * machine. On the real host ({@code /}): as root {@code /run/libvfio} and
 * {@code /var/lib/libvfio}; otherwise {@code $XDG_RUNTIME_DIR/libvfio} (or
 * {@code /tmp/libvfio-$USER}) and {@code $XDG_DATA_HOME/libvfio} (or
 * {@code ~/.local/share/libvfio}). {@code LIBVFIO_RUN_DIR} and {@code LIBVFIO_DATA_DIR}
 * override both.
 */
public record RuntimeDirectories(Path run, Path data)
{
    public RuntimeDirectories
    {
        requireNonNull(run, "run is null");
        requireNonNull(data, "data is null");
    }

    public static RuntimeDirectories forRoot(Path root)
    {
        return forRoot(root, System.getenv(), System.getProperty("user.home"), System.getProperty("user.name"));
    }

    static RuntimeDirectories forRoot(Path root, Map<String, String> environment, String home, String user)
    {
        Optional<Path> runOverride = variable(environment, "LIBVFIO_RUN_DIR");
        Optional<Path> dataOverride = variable(environment, "LIBVFIO_DATA_DIR");
        Path absoluteRoot = root.toAbsolutePath().normalize();
        Path run;
        Path data;
        if (absoluteRoot.getParent() != null) {
            run = absoluteRoot.resolve("run/libvfio");
            data = absoluteRoot.resolve("var/lib/libvfio");
        }
        else if ("root".equals(user)) {
            run = Path.of("/run/libvfio");
            data = Path.of("/var/lib/libvfio");
        }
        else {
            run = variable(environment, "XDG_RUNTIME_DIR").map(dir -> dir.resolve("libvfio")).orElse(Path.of("/tmp/libvfio-" + user));
            data = variable(environment, "XDG_DATA_HOME").map(dir -> dir.resolve("libvfio")).orElse(Path.of(home, ".local/share/libvfio"));
        }
        return new RuntimeDirectories(runOverride.orElse(run), dataOverride.orElse(data));
    }

    private static Optional<Path> variable(Map<String, String> environment, String name)
    {
        String value = environment.get(name);
        return value == null || value.isBlank() || !value.startsWith("/") ? Optional.empty() : Optional.of(Path.of(value));
    }
}
