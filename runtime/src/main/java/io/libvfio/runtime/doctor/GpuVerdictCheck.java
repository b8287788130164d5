package io.libvfio.runtime.doctor;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciDevice;
import io.libvfio.api.SriovInfo;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.spi.HostRequirement;
import io.libvfio.runtime.GpuReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per GPU, what it can do and with which backend, in the words users asked for: "mdev with these
 * types", "SR-IOV, 0 of 32 VFs enabled", "vendor VFIO on VFs", "passthrough only: consumer
 * NVIDIA without vGPU driver", "cannot be shared: IOMMU off", "not virtualizable: no IOMMU in
 * this VM". Built on {@code libvfio gpus}' verdicts and the backends' own reasons.
 */
final class GpuVerdictCheck
        implements DoctorCheck
{
    private static final int TYPES_SHOWN = 6;

    @Override
    public String id()
    {
        return "gpu";
    }

    @Override
    public String title()
    {
        return "GPUs";
    }

    @Override
    public List<Check> run(DoctorHost host)
    {
        List<GpuReport> gpus = host.gpus();
        if (gpus.isEmpty()) {
            return List.of(Check.fail(id(), title(), "no GPU (PCI display controller) on this host", "install a GPU, or check that the root is the right host"));
        }
        List<Check> checks = new ArrayList<>();
        for (GpuReport gpu : gpus) {
            checks.add(check(host, gpu));
        }
        return checks;
    }

    private Check check(DoctorHost host, GpuReport gpu)
    {
        PciDevice device = gpu.device();
        String id = id() + "." + device.address();
        String title = "GPU %s %s".formatted(device.address(), gpu.model());
        return switch (gpu.verdict()) {
            case SHAREABLE -> shareable(host, gpu, id, title);
            case PASSTHROUGH_ONLY -> Check.warn(id, title, "passthrough only: " + headline(gpu) + bootVga(device), passthroughFix(host, gpu));
            case UNAVAILABLE -> unavailable(host, gpu, id, title);
        };
    }

    private static Check shareable(DoctorHost host, GpuReport gpu, String id, String title)
    {
        String backend = gpu.backend().orElse("?");
        Mechanism mechanism = gpu.mechanisms().stream().filter(candidate -> candidate != Mechanism.PASSTHROUGH).findFirst().orElse(Mechanism.PASSTHROUGH);
        List<VgpuType> types;
        try {
            types = host.types(gpu);
        }
        catch (VfioException e) {
            return Check.unknown(id, title, "%s (%s), but its types cannot be read: %s".formatted(mechanism.label(), backend, e.getMessage()));
        }
        int free = 0;
        for (VgpuType type : types) {
            free += type.availableInstances();
        }
        String sriov = gpu.device().sriov().map(GpuVerdictCheck::vfs).orElse("");
        String reason = switch (mechanism) {
            case MDEV -> "mdev with these types: " + typeList(types);
            case SRIOV_VF -> "SR-IOV, %s: %s".formatted(sriov, typeList(types));
            case VENDOR_VFIO -> "vendor VFIO on VFs, %s: %s".formatted(sriov, typeList(types));
            case PASSTHROUGH -> "passthrough";
        } + " (backend " + backend + ")";
        List<String> limits = new ArrayList<>(stripBackends(gpu.reasons()));
        limits.removeIf(limit -> limit.startsWith("it is the boot VGA"));
        if (!limits.isEmpty()) {
            reason += "; " + String.join("; ", limits);
        }
        if (free == 0) {
            return Check.warn(id, title, reason, "every type is in use: free a vGPU, or use another GPU");
        }
        return Check.pass(id, title, reason);
    }

    private static Check unavailable(DoctorHost host, GpuReport gpu, String id, String title)
    {
        PciDevice device = gpu.device();
        boolean iommu = host.runtime().inventory().iommuEnabled();
        if (!iommu && host.inVirtualMachine()) {
            String fix = Fixes.noIommuInVm();
            if (device.vendorId() == PciDevice.VENDOR_NVIDIA && (device.classCode() >> 8) == 0x0302) {
                fix += "; within this VM, MIG (nvidia-smi mig) is the only way to split it";
            }
            return Check.fail(id, title, "not virtualizable: no IOMMU in this VM", fix);
        }
        if (!iommu) {
            return Check.fail(id, title, "cannot be shared: IOMMU off (" + headline(gpu) + ")", Fixes.iommuOff(host.cpu()));
        }
        return Check.fail(id, title, "cannot be shared: it has no IOMMU group", "check dmesg for IOMMU errors about " + device.address());
    }

    /** The short why of an unshared GPU. */
    static String headline(GpuReport gpu)
    {
        List<String> reasons = stripBackends(gpu.reasons());
        for (String reason : reasons) {
            String lower = reason.toLowerCase(Locale.ROOT);
            if (lower.startsWith("consumer nvidia gpu without the vgpu host driver")) {
                return "consumer NVIDIA without vGPU driver";
            }
            if (lower.startsWith("nvidia gpu without the vgpu host driver")) {
                return "NVIDIA without vGPU host driver";
            }
        }
        for (String reason : reasons) {
            if (!reason.startsWith("it is the boot VGA") && !reason.startsWith("IOMMU is off") && !reason.startsWith("no IOMMU in this VM")) {
                return reason;
            }
        }
        return "no backend can split it";
    }

    private static String passthroughFix(DoctorHost host, GpuReport gpu)
    {
        List<String> fixes = new ArrayList<>();
        for (HostRequirement requirement : host.allRequirements()) {
            if (!requirement.met() && requirement.devices().contains(gpu.device().address())) {
                fixes.add(requirement.fix().orElse(HostRequirementsCheck.standardFix(requirement)));
            }
        }
        String group = gpu.device().iommuGroup().isPresent() ? " " + gpu.device().iommuGroup().getAsInt() : "";
        String whole = "for whole-GPU passthrough, bind it and every function of its IOMMU group%s to vfio-pci".formatted(group);
        if (fixes.isEmpty()) {
            return whole;
        }
        return String.join("; ", fixes) + "; or " + whole;
    }

    private static String bootVga(PciDevice device)
    {
        return device.bootVga().orElse(false) ? "; it is the boot VGA (the host's console)" : "";
    }

    private static String vfs(SriovInfo sriov)
    {
        return "%d of %d VFs enabled".formatted(sriov.numVfs(), sriov.totalVfs());
    }

    private static String typeList(List<VgpuType> types)
    {
        if (types.isEmpty()) {
            return "no types";
        }
        List<String> shown = new ArrayList<>();
        for (VgpuType type : types.subList(0, Math.min(TYPES_SHOWN, types.size()))) {
            shown.add("%s (%d MiB, %d free)".formatted(Fixes.typeLabel(type), type.framebufferMib(), type.availableInstances()));
        }
        String list = String.join(", ", shown);
        return types.size() > TYPES_SHOWN ? list + " and %d more".formatted(types.size() - TYPES_SHOWN) : list;
    }

    /** The reasons without their {@code backend: } prefix. */
    static List<String> stripBackends(List<String> reasons)
    {
        List<String> stripped = new ArrayList<>();
        for (String reason : reasons) {
            int colon = reason.indexOf(": ");
            String prefix = colon > 0 ? reason.substring(0, colon) : "";
            stripped.add(prefix.matches("[a-z][a-z0-9-]*") ? reason.substring(colon + 2) : reason);
        }
        return stripped;
    }
}
