package io.libvfio.runtime.vm.config;

import io.libvfio.runtime.host.RuntimeDirectories;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where a user's VM files and disk images live, as {@code libvfio ls} lists them.
 * <ul>
 *   <li>VM files: {@code $XDG_CONFIG_HOME/libvfio/vms} (default {@code ~/.config/libvfio/vms});
 *       as root on {@code /}: {@code /etc/libvfio/vms}; on a simulated host:
 *       {@code <root>/etc/libvfio/vms}. {@code LIBVFIO_VM_DIR} overrides it.</li>
 *   <li>Disk images: {@code images} under the data directory of {@link RuntimeDirectories}
 *       ({@code $XDG_DATA_HOME/libvfio/images}, {@code /var/lib/libvfio/images} as root, inside
 *       the root on a simulated host).</li>
 * </ul>
 */
public record VmDirectories(Path vms, Path images)
{
    public VmDirectories
    {
        requireNonNull(vms, "vms is null");
        requireNonNull(images, "images is null");
    }

    public static VmDirectories forRoot(Path root)
    {
        return forRoot(root, System.getenv(), System.getProperty("user.home"), System.getProperty("user.name"));
    }

    static VmDirectories forRoot(Path root, Map<String, String> environment, String home, String user)
    {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        Path images = RuntimeDirectories.forRoot(root).data().resolve("images");
        Path vms;
        if (absoluteRoot.getParent() != null) {
            vms = absoluteRoot.resolve("etc/libvfio/vms");
        }
        else if ("root".equals(user)) {
            vms = Path.of("/etc/libvfio/vms");
        }
        else {
            vms = variable(environment, "XDG_CONFIG_HOME").orElse(Path.of(home, ".config")).resolve("libvfio/vms");
        }
        return new VmDirectories(variable(environment, "LIBVFIO_VM_DIR").orElse(vms), images);
    }

    private static Optional<Path> variable(Map<String, String> environment, String name)
    {
        String value = environment.get(name);
        return value == null || !value.startsWith("/") ? Optional.empty() : Optional.of(Path.of(value));
    }
}
