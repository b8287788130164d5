package io.libvfio.runtime.doctor;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.VgpuType;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.Verdict;
import io.libvfio.runtime.plan.CandidateResult;
import io.libvfio.runtime.plan.Offers;
import io.libvfio.runtime.plan.Plan;
import io.libvfio.runtime.plan.Planner;
import io.libvfio.runtime.plan.Policy;
import io.libvfio.runtime.plan.Rejection;
import io.libvfio.runtime.plan.SliceRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the GPUs a LibVF.IO VM file asks for can be had here. Slices (sysfsdev, sriovdev) are
 * chosen by the {@link Planner}, one plan for the whole file, so two entries cannot both count the
 * last free instance; a passthrough GPU is the whole device at {@code bdf}.
 */
final class GpuRequestMatcher
{
    private final DoctorHost host;
    private final Planner planner;

    GpuRequestMatcher(DoctorHost host)
    {
        this.host = host;
        this.planner = new Planner(Offers.collect(host.gpus(), host::types));
    }

    Check match(GpuRequest request)
    {
        String id = "vm.gpu" + request.index();
        String title = "VM " + request.describe();
        Optional<SliceRequest> slice = request.toSliceRequest(Policy.SPREAD);
        if (slice.isEmpty()) {
            return passthrough(request, id, title);
        }
        return slice(request, id, title, planner.plan(slice.get()));
    }

    private Check slice(GpuRequest request, String id, String title, Plan plan)
    {
        if (plan.chosen().isPresent()) {
            CandidateResult chosen = plan.chosen().get();
            VgpuType type = chosen.candidate().type();
            return Check.pass(id, title, "%s %s on %s (%d MiB; %d left after this VM)".formatted(kindOf(type), chosen.candidate().label(),
                    chosen.candidate().gpu(), type.framebufferMib(), chosen.free() - 1));
        }
        List<CandidateResult> inUse = new ArrayList<>();
        for (CandidateResult result : plan.results()) {
            if (result.rejections().stream().allMatch(Rejection::isAvailability)) {
                inUse.add(result);
            }
        }
        if (!plan.errors().isEmpty() && inUse.isEmpty()) {
            return Check.unknown(id, title, "no free GPU slice among the types that could be read; " + plan.shortfall());
        }
        if (!inUse.isEmpty()) {
            return Check.fail(id, title, "every fitting type is in use (%s)".formatted(list(inUse)), "stop a VM that holds one, or accept other types");
        }
        return Check.fail(id, title, "no free GPU slice; " + plan.shortfall(), fixFor(request));
    }

    private Check passthrough(GpuRequest request, String id, String title)
    {
        PciAddress address = PciAddress.parse(request.bdf().orElseThrow());
        Optional<GpuReport> gpu = host.gpus().stream().filter(report -> report.device().address().equals(address)).findFirst();
        if (gpu.isEmpty()) {
            return Check.fail(id, title, "no GPU at " + address, "set bdf to one of this host's GPUs (libvfio gpus)");
        }
        GpuReport report = gpu.get();
        if (report.verdict() == Verdict.UNAVAILABLE || !report.mechanisms().contains(Mechanism.PASSTHROUGH)) {
            return Check.fail(id, title, "%s (%s) cannot be passed through: %s".formatted(address, report.model(), String.join("; ", report.reasons())),
                    host.inVirtualMachine() ? Fixes.noIommuInVm() : Fixes.iommuOff(host.cpu()));
        }
        String group = report.device().iommuGroup().isPresent() ? " (IOMMU group " + report.device().iommuGroup().getAsInt() + ")" : "";
        if (report.device().bootVga().orElse(false)) {
            return Check.warn(id, title, "%s (%s) can be passed through whole%s, but it is the boot VGA: the host loses its console".formatted(address, report.model(), group),
                    "give the host another GPU for its display, or run it headless");
        }
        return Check.pass(id, title, "%s (%s) can be passed through whole%s".formatted(address, report.model(), group));
    }

    private static String kindOf(VgpuType type)
    {
        return switch (type.mechanism()) {
            case MDEV -> "mdev type";
            case SRIOV_VF -> "SR-IOV VF type";
            case VENDOR_VFIO -> "vendor-VFIO type";
            case PASSTHROUGH -> "whole GPU";
        };
    }

    private static String fixFor(GpuRequest request)
    {
        if (request.mdevType().isPresent()) {
            return "set mdevType to one of the offered types, or to \"\" to choose by minVRam/maxVRam";
        }
        if (request.kind() == GpuRequest.Kind.SRIOVDEV) {
            return "change acceptableTypes or minVRam/maxVRam to match an offered VF type";
        }
        return "change minVRam/maxVRam" + (request.suffix().isEmpty() ? "" : " or suffix") + " to match an offered type, or set mdevType";
    }

    private static String list(List<CandidateResult> results)
    {
        List<String> names = new ArrayList<>();
        for (CandidateResult result : results) {
            names.add("%s (%d MiB, %d free)".formatted(result.candidate().describe(), result.candidate().type().framebufferMib(), result.free()));
        }
        return String.join(", ", names);
    }
}
