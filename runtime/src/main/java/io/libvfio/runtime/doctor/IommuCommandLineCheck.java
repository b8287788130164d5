package io.libvfio.runtime.doctor;

import io.libvfio.runtime.facts.CpuInfo;
import io.libvfio.runtime.facts.KernelCommandLine;

import java.util.List;
import java.util.Optional;

/**
 * The IOMMU asked for on the kernel command line: {@code intel_iommu=on} (Intel) or
 * {@code amd_iommu=on} (AMD), and {@code iommu=pt} so that host devices skip DMA translation.
 */
final class IommuCommandLineCheck
        implements DoctorCheck
{
    @Override
    public String id()
    {
        return "iommu.cmdline";
    }

    @Override
    public String title()
    {
        return "IOMMU on the kernel command line";
    }

    @Override
    public List<Check> run(DoctorHost host)
    {
        Optional<KernelCommandLine> cmdline = host.cmdline();
        if (cmdline.isEmpty()) {
            return List.of(Check.unknown(id(), title(), "no " + KernelCommandLine.PATH + " under the root: cannot tell how the kernel was booted"));
        }
        KernelCommandLine parameters = cmdline.get();
        Optional<CpuInfo> cpu = host.cpu();
        for (String name : List.of("intel_iommu", "amd_iommu", "iommu")) {
            if (parameters.isSet(name, "off")) {
                return List.of(Check.fail(id(), title(), "%s=off turns the IOMMU off".formatted(name),
                        "remove %s=off from the boot loader's kernel command line, run '%s' and reboot".formatted(name, Fixes.SETUP)));
            }
        }
        boolean intel = parameters.isSet("intel_iommu", "on");
        boolean amd = parameters.isSet("amd_iommu", "on");
        boolean passthrough = parameters.isSet("iommu", "pt");
        boolean active = !host.fs().list("/sys/kernel/iommu_groups").isEmpty();
        if (intel || amd) {
            String asked = intel ? "intel_iommu=on" : "amd_iommu=on";
            if (passthrough) {
                return List.of(Check.pass(id(), title(), asked + " iommu=pt"));
            }
            return List.of(Check.warn(id(), title(), asked + " without iommu=pt: the host's own devices pay for DMA translation too",
                    "run '%s' to add iommu=pt, then reboot".formatted(Fixes.SETUP)));
        }
        if (active) {
            return List.of(Check.warn(id(), title(), "not asked for on the command line, but the kernel turned the IOMMU on by default"
                            + (passthrough ? "" : " (and without iommu=pt)"),
                    "run '%s' to add %s, so that it stays on whatever the kernel's default".formatted(Fixes.SETUP, Fixes.iommuParameters(cpu))));
        }
        if (host.inVirtualMachine()) {
            return List.of(Check.fail(id(), title(), "not asked for, and this VM has no IOMMU to turn on", Fixes.noIommuInVm()));
        }
        return List.of(Check.fail(id(), title(), "neither intel_iommu=on nor amd_iommu=on is set, and no IOMMU is active", Fixes.iommuOff(cpu)));
    }
}
