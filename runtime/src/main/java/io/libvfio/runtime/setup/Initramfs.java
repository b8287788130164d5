package io.libvfio.runtime.setup;


/** The distribution's command that rebuilds the initramfs, so that a modprobe.d blacklist holds at early boot. */
final class Initramfs
{
    private Initramfs()
    {
    }

    static String command(ConfigFiles fs)
    {
        if (fs.exists("/usr/sbin/update-initramfs") || fs.exists("/sbin/update-initramfs")) {
            return "update-initramfs -u -k all";
        }
        if (fs.exists("/usr/bin/dracut") || fs.exists("/usr/sbin/dracut")) {
            return "dracut --force --regenerate-all";
        }
        if (fs.exists("/usr/bin/mkinitcpio")) {
            return "mkinitcpio -P";
        }
        return "rebuild the initramfs (update-initramfs -u, dracut --force or mkinitcpio -P)";
    }
}
