package io.libvfio.runtime.setup;


import java.util.List;
import java.util.Optional;

/**
 * systemd-boot with {@code kernel-install} (and Proxmox's {@code proxmox-boot-tool}):
 * {@code /etc/kernel/cmdline}, one line, copied into each boot entry when the entries are
 * written.
 */
final class KernelCmdlineFile
        implements BootLoader
{
    static final String PATH = "/etc/kernel/cmdline";

    @Override
    public String describe()
    {
        return "systemd-boot (" + PATH + ")";
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
        String line = text.strip();
        String merged = KernelParameters.merge(line, parameters);
        if (merged.equals(line)) {
            return List.of();
        }
        List<String> missing = KernelParameters.missing(KernelParameters.split(line), parameters);
        return List.of(new FileChange(PATH, Optional.of(text), merged + "\n", "kernel parameters " + String.join(" ", missing)));
    }

    @Override
    public List<String> followUp(ConfigFiles fs)
    {
        if (fs.exists("/usr/sbin/proxmox-boot-tool")) {
            return List.of("proxmox-boot-tool refresh");
        }
        return List.of("kernel-install add \"$(uname -r)\" \"/lib/modules/$(uname -r)/vmlinuz\" (or reinstall the kernel package) to rewrite the boot entries");
    }
}
