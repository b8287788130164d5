package io.libvfio.runtime.vgpu;

import io.libvfio.api.PciAddress;
import io.libvfio.api.spi.HostFs;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Whether the host itself shows a picture through a GPU: it is the boot VGA ({@code boot_vga} 1,
 * the console), or one of its DRM connectors ({@code drm/cardN/cardN-<connector>/status}) reads
 * {@code connected}. Such a GPU is taken from the host only with {@code --force}.
 */
public final class HostDisplay
{
    private final HostFs fs;

    public HostDisplay(HostFs fs)
    {
        this.fs = requireNonNull(fs, "fs is null");
    }

    /** Why taking {@code gpu} away would blank the host's display, or empty when it would not. */
    public Optional<String> inUse(PciAddress gpu)
    {
        String device = PciFunctionFiles.directory(gpu);
        if (fs.read(device + "/boot_vga").filter("1"::equals).isPresent()) {
            return Optional.of("%s is the boot VGA (the host's console)".formatted(gpu));
        }
        for (String card : fs.list(device + "/drm")) {
            if (!card.startsWith("card") || card.indexOf('-') >= 0) {
                continue;
            }
            for (String connector : fs.list(device + "/drm/" + card)) {
                if (connector.startsWith(card + "-") && fs.read(device + "/drm/" + card + "/" + connector + "/status").filter("connected"::equals).isPresent()) {
                    return Optional.of("%s drives the host's display (%s is connected)".formatted(gpu, connector));
                }
            }
        }
        return Optional.empty();
    }
}
