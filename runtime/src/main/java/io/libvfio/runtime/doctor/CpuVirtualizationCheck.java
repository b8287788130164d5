package io.libvfio.runtime.doctor;

import io.libvfio.runtime.facts.CpuInfo;

import java.util.List;
import java.util.Optional;

/**
 * VT-x ({@code vmx}) or AMD-V ({@code svm}) in {@code /proc/cpuinfo}'s flags. A guest whose
 * hypervisor offers KVM without the flag (a paravirtual KVM such as PVM) has {@code /dev/kvm}
 * anyway: that is a warning, not a failure, and the KVM check tells whether it works.
 */
final class CpuVirtualizationCheck
        implements DoctorCheck
{
    @Override
    public String id()
    {
        return "cpu.virtualization";
    }

    @Override
    public String title()
    {
        return "CPU virtualization";
    }

    @Override
    public List<Check> run(DoctorHost host)
    {
        Optional<CpuInfo> cpu = host.cpu();
        if (cpu.isEmpty()) {
            return List.of(Check.unknown(id(), title(), "no " + CpuInfo.PATH + " under the root: cannot see the CPU's flags"));
        }
        if (cpu.get().hasVmx()) {
            return List.of(Check.pass(id(), title(), "Intel VT-x (vmx flag)" + (cpu.get().inVirtualMachine() ? ", nested in a VM" : "")));
        }
        if (cpu.get().hasSvm()) {
            return List.of(Check.pass(id(), title(), "AMD-V (svm flag)" + (cpu.get().inVirtualMachine() ? ", nested in a VM" : "")));
        }
        if (host.fs().exists(KvmCheck.KVM)) {
            return List.of(Check.warn(id(), title(), "no vmx or svm flag, yet " + KvmCheck.KVM + " exists: KVM here is paravirtual or nested without the flag",
                    "nothing, if the KVM check passes; otherwise turn on nested virtualization (VM) or VT-x/AMD-V (firmware)"));
        }
        if (cpu.get().inVirtualMachine()) {
            return List.of(Check.fail(id(), title(), "no vmx or svm flag: this is a VM without nested virtualization",
                    "turn on nested virtualization for this VM in its hypervisor, or run VMs on the bare-metal host"));
        }
        return List.of(Check.fail(id(), title(), "no vmx or svm flag: hardware virtualization is off or missing",
                "enable Intel VT-x or AMD-V (SVM) in the firmware settings"));
    }
}
