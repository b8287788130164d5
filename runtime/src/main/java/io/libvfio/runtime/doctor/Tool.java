package io.libvfio.runtime.doctor;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A program VMs need, looked for under the root.
 *
 * @param names the program's names, most usual first ({@code qemu-system-x86_64}, then RHEL's {@code qemu-kvm})
 * @param required whether a VM cannot start without it (a failure), or only some VMs need it (a warning)
 * @param purpose what it is for, when it is missing
 * @param install how distributions ship it
 */
record Tool(String id, String title, List<String> names, boolean required, String purpose, String install)
{
    static final List<Tool> ALL = List.of(
            new Tool("qemu", "QEMU", List.of("qemu-system-x86_64", "qemu-kvm"), true, "it runs the VMs",
                    "install QEMU (Debian/Ubuntu: qemu-system-x86; Fedora/RHEL: qemu-kvm; Arch: qemu-full)"),
            new Tool("qemu-img", "qemu-img", List.of("qemu-img"), true, "it creates the VMs' disk images",
                    "install it (Debian/Ubuntu: qemu-utils; Fedora/RHEL: qemu-img; Arch: qemu-img)"),
            new Tool("swtpm", "swtpm", List.of("swtpm"), false, "only VMs with a TPM need it (Windows 11)",
                    "install swtpm (Debian/Ubuntu: swtpm swtpm-tools; Fedora/RHEL/Arch: swtpm)"));

    Tool
    {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        names = List.copyOf(requireNonNull(names, "names is null"));
        requireNonNull(purpose, "purpose is null");
        requireNonNull(install, "install is null");
    }
}
