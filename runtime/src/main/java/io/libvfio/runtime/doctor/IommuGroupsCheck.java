package io.libvfio.runtime.doctor;

import io.libvfio.runtime.facts.KernelCommandLine;

import java.util.List;
import java.util.Optional;

/** The IOMMU actually on: {@code /sys/kernel/iommu_groups} has groups. */
final class IommuGroupsCheck
        implements DoctorCheck
{
    static final String GROUPS = "/sys/kernel/iommu_groups";

    @Override
    public String id()
    {
        return "iommu.groups";
    }

    @Override
    public String title()
    {
        return "IOMMU active";
    }

    @Override
    public List<Check> run(DoctorHost host)
    {
        int groups = host.fs().list(GROUPS).size();
        if (groups > 0) {
            return List.of(Check.pass(id(), title(), "%d IOMMU group%s".formatted(groups, groups == 1 ? "" : "s")));
        }
        if (host.inVirtualMachine()) {
            return List.of(Check.fail(id(), title(), "no IOMMU in this VM: the hypervisor gives it no virtual IOMMU, so no device can be handed on",
                    Fixes.noIommuInVm()));
        }
        Optional<KernelCommandLine> cmdline = host.cmdline();
        boolean asked = cmdline.map(parameters -> parameters.isSet("intel_iommu", "on") || parameters.isSet("amd_iommu", "on")).orElse(false);
        if (asked) {
            return List.of(Check.fail(id(), title(), "the kernel command line asks for the IOMMU but no IOMMU groups exist",
                    "enable %s in the firmware settings and reboot".formatted(Fixes.firmwareIommu(host.cpu()))));
        }
        return List.of(Check.fail(id(), title(), "no IOMMU groups: the IOMMU is off", Fixes.iommuOff(host.cpu())));
    }
}
