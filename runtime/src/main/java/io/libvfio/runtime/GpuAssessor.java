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
        Optional<String> iommuReason = inventory.iommuEnabled() ? Optional.empty() : Optional.of(iommuOffReason());
        for (PciDevice device : inventory.gpus()) {
            reports.add(assess(inventory, device, backends, iommuReason));
        }
        return reports;
    }

    private GpuReport assess(HostInventory inventory, PciDevice device, List<BackendStatus> backends, Optional<String> iommuReason)
    {
        Optional<BackendStatus> serving = Optional.empty();
        Optional<Gpu> servingView = Optional.empty();
        List<String> declines = new ArrayList<>();
        Map<String, String> properties = new TreeMap<>();
        String model = device.displayName();
        for (BackendStatus status : backends) {
            for (Gpu gpu : status.gpus()) {
                if (!gpu.address().equals(device.address())) {
                    continue;
                }
                if (serving.isEmpty() && gpu.isShareable()) {
                    serving = Optional.of(status);
                    servingView = Optional.of(gpu);
                }
                gpu.limitation().ifPresent(limitation -> declines.add(status.name() + ": " + limitation));
                if (servingView.isEmpty() || servingView.get() == gpu) {
                    model = gpu.model();
                    properties.putAll(gpu.properties());
                }
            }
        }
        // A served GPU shows only its own backend's limits; an unserved one shows why each backend declined.
        List<String> reasons = new ArrayList<>();
        if (servingView.isPresent()) {
            String name = serving.get().name();
            servingView.get().limitation().ifPresent(limitation -> reasons.add(name + ": " + limitation));
        }
        else {
            reasons.addAll(declines);
            if (reasons.isEmpty()) {
                reasons.add(noBackendReason(device, backends));
            }
        }
        List<Mechanism> mechanisms = new ArrayList<>(servingView.map(Gpu::mechanisms).orElse(List.of()));
        iommuReason.ifPresent(reasons::add);
        if (device.iommuGroup().isPresent()) {
            mechanisms.add(Mechanism.PASSTHROUGH);
            if (device.bootVga().orElse(false)) {
                reasons.add("it is the boot VGA (the host's console); passing it through needs --force");
            }
        }
        Verdict verdict = serving.isPresent() && device.iommuGroup().isPresent() ? Verdict.SHAREABLE
                : device.iommuGroup().isPresent() ? Verdict.PASSTHROUGH_ONLY : Verdict.UNAVAILABLE;
        return new GpuReport(device, companions(inventory, device), model, serving.map(BackendStatus::name),
                verdict == Verdict.UNAVAILABLE ? List.of() : mechanisms.stream().distinct().toList(), verdict, reasons, properties);
    }

    private static List<PciDevice> companions(HostInventory inventory, PciDevice gpu)
    {
        return inventory.devices().stream()
                .filter(other -> other.address().sameSlot(gpu.address()) && !other.address().equals(gpu.address()))
                .filter(other -> !other.isVirtualFunction())
                .toList();
    }

    private static String noBackendReason(PciDevice device, List<BackendStatus> backends)
    {
        if (backends.isEmpty()) {
            return "no backend is installed or selected";
        }
        return "no backend recognises %s (%s)".formatted(device.pciId(), device.displayName());
    }

    private String iommuOffReason()
    {
        String cmdline = fs.read("/proc/cmdline").orElse("");
        boolean inVm = fs.read("/proc/cpuinfo").map(cpuinfo -> cpuinfo.contains(" hypervisor")).orElse(false);
        if (inVm) {
            return "no IOMMU in this VM: the hypervisor gives it no virtual IOMMU, so no device can be handed on";
        }
        if (cmdline.contains("intel_iommu=on") || cmdline.contains("amd_iommu=on")) {
            return "IOMMU is off: the kernel command line asks for it but no IOMMU groups exist (enable VT-d / AMD-Vi in the firmware)";
        }
        return "IOMMU is off: no IOMMU groups; add intel_iommu=on (Intel) or amd_iommu=on (AMD) and iommu=pt to the kernel command line";
    }
}
