package io.libvfio.runtime;

import io.libvfio.api.Gpu;
import io.libvfio.api.HostInventory;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciDevice;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.registry.BackendStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Merges discovery with the backends' views into one {@link GpuReport} per physical GPU, and
 * says in plain words why a GPU cannot be shared: no backend for it, a backend's limitation,
 * the IOMMU off, no IOMMU inside a VM.
 */
final class GpuAssessor
{
    private final HostFs fs;

    GpuAssessor(HostFs fs)
    {
        this.fs = fs;
    }

    List<GpuReport> assess(HostInventory inventory, List<BackendStatus> backends)
    {
        List<GpuReport> reports = new ArrayList<>();
        String iommuReason = inventory.iommuEnabled() ? null : iommuOffReason();
        for (PciDevice device : inventory.gpus()) {
            reports.add(assess(inventory, device, backends, iommuReason));
        }
        return reports;
    }

    // Plain loops and nulls rather than Optional and stream chains: this runs once, in a cold JVM.
    private GpuReport assess(HostInventory inventory, PciDevice device, List<BackendStatus> backends, String iommuReason)
    {
        BackendStatus serving = null;
        Gpu servingView = null;
        List<String> declines = new ArrayList<>();
        Map<String, String> properties = new TreeMap<>();
        String model = device.displayName();
        for (BackendStatus status : backends) {
            for (Gpu gpu : status.gpus()) {
                // The passthrough backend's view adds nothing: passthrough is judged below for every GPU.
                if (!gpu.address().equals(device.address()) || passthroughOnly(gpu)) {
                    continue;
                }
                if (serving == null && gpu.isShareable()) {
                    serving = status;
                    servingView = gpu;
                }
                if (gpu.limitation().isPresent()) {
                    declines.add(status.name() + ": " + gpu.limitation().get());
                }
                if (servingView == null || servingView == gpu) {
                    model = gpu.model();
                    properties.putAll(gpu.properties());
                }
            }
        }
        // A served GPU shows only its own backend's limits; an unserved one shows why each backend declined.
        List<String> reasons = new ArrayList<>();
        List<Mechanism> mechanisms = new ArrayList<>();
        if (servingView != null) {
            if (servingView.limitation().isPresent()) {
                reasons.add(serving.name() + ": " + servingView.limitation().get());
            }
            for (Mechanism mechanism : servingView.mechanisms()) {
                if (!mechanisms.contains(mechanism)) {
                    mechanisms.add(mechanism);
                }
            }
        }
        else {
            reasons.addAll(declines);
            if (reasons.isEmpty()) {
                reasons.add(noBackendReason(device, backends));
            }
        }
        if (iommuReason != null) {
            reasons.add(iommuReason);
        }
        boolean grouped = device.iommuGroup().isPresent();
        if (grouped) {
            if (!mechanisms.contains(Mechanism.PASSTHROUGH)) {
                mechanisms.add(Mechanism.PASSTHROUGH);
            }
            if (device.bootVga().isPresent() && device.bootVga().get()) {
                reasons.add("it is the boot VGA (the host's console); passing it through needs --force");
            }
        }
        Verdict verdict = serving != null && grouped ? Verdict.SHAREABLE : grouped ? Verdict.PASSTHROUGH_ONLY : Verdict.UNAVAILABLE;
        return new GpuReport(device, companions(inventory, device), model, serving == null ? Optional.empty() : Optional.of(serving.name()),
                verdict == Verdict.UNAVAILABLE ? List.of() : mechanisms, verdict, reasons, properties);
    }

    /** A view that offers only whole-GPU passthrough does not share the GPU (the runtime's passthrough backend). */
    static boolean passthroughOnly(Gpu gpu)
    {
        return gpu.mechanisms().size() == 1 && gpu.mechanisms().get(0) == Mechanism.PASSTHROUGH;
    }

    /** Whether {@code status}'s backend sees {@code address} and offers it only whole. */
    static boolean offersPassthroughOnly(BackendStatus status, io.libvfio.api.PciAddress address)
    {
        for (Gpu gpu : status.gpus()) {
            if (gpu.address().equals(address) && passthroughOnly(gpu)) {
                return true;
            }
        }
        return false;
    }

    private static List<PciDevice> companions(HostInventory inventory, PciDevice gpu)
    {
        List<PciDevice> companions = new ArrayList<>();
        for (PciDevice other : inventory.devices()) {
            if (other.address().sameSlot(gpu.address()) && !other.address().equals(gpu.address()) && !other.isVirtualFunction()) {
                companions.add(other);
            }
        }
        return companions;
    }

    private static String noBackendReason(PciDevice device, List<BackendStatus> backends)
    {
        if (backends.isEmpty()) {
            return "no backend is installed or selected";
        }
        return "no backend recognises " + device.pciId() + " (" + device.displayName() + ")";
    }

    private String iommuOffReason()
    {
        String cmdline = fs.read("/proc/cmdline").orElse("");
        Optional<String> cpuinfo = fs.read("/proc/cpuinfo");
        boolean inVm = cpuinfo.isPresent() && cpuinfo.get().contains(" hypervisor");
        if (inVm) {
            return "no IOMMU in this VM: the hypervisor gives it no virtual IOMMU, so no device can be handed on";
        }
        if (cmdline.contains("intel_iommu=on") || cmdline.contains("amd_iommu=on")) {
            return "IOMMU is off: the kernel command line asks for it but no IOMMU groups exist (enable VT-d / AMD-Vi in the firmware)";
        }
        return "IOMMU is off: no IOMMU groups; add intel_iommu=on (Intel) or amd_iommu=on (AMD) and iommu=pt to the kernel command line";
    }
}
