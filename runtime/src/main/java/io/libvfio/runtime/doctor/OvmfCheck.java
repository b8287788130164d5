package io.libvfio.runtime.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * OVMF, the UEFI firmware for VMs (GPU passthrough and Windows 11 want UEFI): its code images in
 * the directories distributions install them to. Firmware files carry no version; on Debian and
 * Ubuntu the {@code ovmf} package's version is read from dpkg's status file.
 */
final class OvmfCheck
        implements DoctorCheck
{
    static final List<String> DIRECTORIES = List.of("/usr/share/OVMF", "/usr/share/qemu", "/usr/share/edk2/ovmf", "/usr/share/edk2/x64",
            "/usr/share/edk2-ovmf/x64");
    static final String DPKG_STATUS = "/var/lib/dpkg/status";

    @Override
    public String id()
    {
        return "firmware.ovmf";
    }

    @Override
    public String title()
    {
        return "OVMF (UEFI firmware)";
    }

    @Override
    public List<Check> run(DoctorHost host)
    {
        List<String> found = new ArrayList<>();
        for (String directory : DIRECTORIES) {
            for (String name : host.fs().list(directory)) {
                if (isCodeImage(name)) {
                    found.add(directory + "/" + name);
                }
            }
        }
        if (found.isEmpty()) {
            return List.of(Check.warn(id(), title(), "no OVMF code image in " + String.join(", ", DIRECTORIES) + ": VMs can only boot with legacy BIOS",
                    "install OVMF (Debian/Ubuntu: ovmf; Fedora/RHEL/Arch: edk2-ovmf)"));
        }
        String version = packageVersion(host, "ovmf").map(value -> "package ovmf " + value).orElse("no version recorded");
        String shown = found.size() > 3 ? String.join(", ", found.subList(0, 3)) + " and %d more".formatted(found.size() - 3) : String.join(", ", found);
        return List.of(Check.pass(id(), title(), shown + " (" + version + ")"));
    }

    static boolean isCodeImage(String name)
    {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".fd") && (lower.startsWith("ovmf_code") || lower.equals("ovmf.fd") || lower.startsWith("edk2-x86_64") && lower.contains("code"));
    }

    /** A package's version from dpkg's status file, when the root has one and lists the package as installed. */
    static Optional<String> packageVersion(DoctorHost host, String name)
    {
        Optional<String> status = host.fs().read(DPKG_STATUS);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        for (String stanza : status.get().split("\n\n")) {
            String packageName = null;
            String version = null;
            boolean installed = false;
            for (String line : stanza.split("\n")) {
                if (line.startsWith("Package: ")) {
                    packageName = line.substring("Package: ".length()).trim();
                }
                else if (line.startsWith("Version: ")) {
                    version = line.substring("Version: ".length()).trim();
                }
                else if (line.startsWith("Status: ")) {
                    installed = line.endsWith(" installed");
                }
            }
            if (name.equals(packageName) && installed && version != null) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }
}
