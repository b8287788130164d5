package io.libvfio.runtime.doctor;

import io.libvfio.api.VgpuType;
import io.libvfio.runtime.facts.CpuInfo;

import java.util.Optional;

/** Fix texts several checks share. */
final class Fixes
{
    static final String SETUP = "libvfio setup --apply";

    private Fixes()
    {
    }

    /** A type as findings show it: its id, and its name when the id does not already say it ({@code 1148 NVIDIA L40S-2Q}). */
    static String typeLabel(VgpuType type)
    {
        return type.id().contains(type.name()) ? type.id() : type.id() + " " + type.name();
    }

    /** The IOMMU parameters for this CPU: {@code intel_iommu=on iommu=pt}, or AMD's, or both names when the vendor is unknown. */
    static String iommuParameters(Optional<CpuInfo> cpu)
    {
        if (cpu.map(CpuInfo::isAmd).orElse(false)) {
            return "amd_iommu=on iommu=pt";
        }
        if (cpu.map(CpuInfo::isIntel).orElse(false)) {
            return "intel_iommu=on iommu=pt";
        }
        return "intel_iommu=on (Intel) or amd_iommu=on (AMD) and iommu=pt";
    }

    /** VT-d or AMD-Vi, as firmware menus call them. */
    static String firmwareIommu(Optional<CpuInfo> cpu)
    {
        if (cpu.map(CpuInfo::isAmd).orElse(false)) {
            return "AMD-Vi (IOMMU)";
        }
        if (cpu.map(CpuInfo::isIntel).orElse(false)) {
            return "VT-d";
        }
        return "VT-d (Intel) or AMD-Vi (AMD)";
    }

    static String iommuOff(Optional<CpuInfo> cpu)
    {
        return "enable %s in the firmware settings, run '%s' (adds %s to the kernel command line) and reboot"
                .formatted(firmwareIommu(cpu), SETUP, iommuParameters(cpu));
    }

    static String noIommuInVm()
    {
        return "run libvfio on the bare-metal host; inside this VM a GPU can only be used by the VM itself"
                + " (a hypervisor that offers a virtual IOMMU, e.g. QEMU's -device intel-iommu, would let it hand devices on)";
    }
}
