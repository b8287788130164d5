package io.libvfio.runtime.vm.config;

import static java.util.Objects.requireNonNull;

/**
 * How the VM is seen and heard: SPICE and VNC (bound to 127.0.0.1 by the start command),
 * Looking Glass, audio, whether QEMU shows no display of its own ({@code headless}; LibVF.IO's
 * {@code nographics}), and whether {@code start} opens the Looking Glass client and the audio
 * receiver once the VM runs ({@code startViewer}; LibVF.IO's {@code startintro}).
 */
public record Display(Allocation spice, Allocation vnc, LookingGlass lookingGlass, Audio audio, boolean headless, boolean startViewer)
{
    public Display
    {
        requireNonNull(spice, "spice is null");
        requireNonNull(vnc, "vnc is null");
        requireNonNull(lookingGlass, "lookingGlass is null");
        requireNonNull(audio, "audio is null");
    }

    public static Display defaults()
    {
        return new Display(Allocation.auto(), Allocation.off(), LookingGlass.defaults(), Audio.SPICE, false, false);
    }
}
