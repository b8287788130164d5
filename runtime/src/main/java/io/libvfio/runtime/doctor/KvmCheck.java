package io.libvfio.runtime.doctor;

import io.libvfio.runtime.facts.CpuInfo;

import java.util.List;
import java.util.Optional;

/**
 * KVM present and usable. On the real root {@code /dev/kvm} is opened read-write, which is what
 * QEMU does; under a simulated root only its presence can be checked, and the reason says so.
 */
final class KvmCheck
        implements DoctorCheck
{
    static final String KVM = "/dev/kvm";
    private static final String TCG = "QEMU will fall back to TCG (software emulation, many times slower)";

    @Override
    public String id()
    {
        return "kvm";
    }

    @Override
    public String title()
    {
        return "KVM";
    }

    @Override
    public List<Check> run(DoctorHost host)
    {
        boolean present = host.fs().exists(KVM);
        if (!present) {
            return List.of(Check.fail(id(), title(), "no " + KVM + ": " + TCG, loadFix(host.cpu())));
        }
        if (host.simulated()) {
            return List.of(Check.pass(id(), title(), KVM + " is present (simulated root: only its presence was checked, it was not opened)"));
        }
        return List.of(switch (host.devices().openReadWrite(host.file(KVM))) {
            case OPENED -> Check.pass(id(), title(), KVM + " opens read-write");
            case PERMISSION_DENIED -> Check.warn(id(), title(), KVM + " exists but this user cannot open it read-write: " + TCG,
                    "add the user who runs VMs to the kvm group (usermod -aG kvm USER, then log in again), or run as root");
            case MISSING -> Check.fail(id(), title(), "no " + KVM + ": " + TCG, loadFix(host.cpu()));
            case FAILED -> Check.warn(id(), title(), KVM + " exists but does not open read-write: " + TCG, loadFix(host.cpu()));
        });
    }

    private static String loadFix(Optional<CpuInfo> cpu)
    {
        if (cpu.map(CpuInfo::inVirtualMachine).orElse(false) && !cpu.map(info -> info.hasVmx() || info.hasSvm()).orElse(false)) {
            return "turn on nested virtualization for this VM in its hypervisor";
        }
        String module = cpu.map(CpuInfo::isAmd).orElse(false) ? "kvm_amd" : cpu.map(CpuInfo::isIntel).orElse(false) ? "kvm_intel" : "kvm_intel or kvm_amd";
        return "load KVM (modprobe %s) and enable hardware virtualization in the firmware settings".formatted(module);
    }
}
