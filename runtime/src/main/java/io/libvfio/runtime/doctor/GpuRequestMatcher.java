package io.libvfio.runtime.doctor;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.Verdict;
import io.libvfio.runtime.vm.config.GpuRequest;
import io.libvfio.runtime.vm.config.MdevGpu;
import io.libvfio.runtime.vm.config.PassthroughGpu;
import io.libvfio.runtime.vm.config.SriovGpu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the GPUs a LibVF.IO VM file asks for can be had here, the way {@code arcd} picked them:
 * a sysfsdev is an mdev type (by exact {@code mdevType}, else by framebuffer range and name
 * suffix), a sriovdev an SR-IOV or vendor-VFIO VF type (by {@code acceptableTypes} and range), a
 * passthrough GPU the whole device at {@code bdf}. Each match takes one free instance, so two
 * entries cannot both count the last one. {@code maxVRam -1} means no upper limit.
 */
final class GpuRequestMatcher
{
    private final DoctorHost host;
    private final List<Offer> offers = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    /** A type on one GPU and how many instances are still free for this VM. */
    private static final class Offer
    {
        private final VgpuType type;
        private int free;

        Offer(VgpuType type)
        {
            this.type = type;
            this.free = type.availableInstances();
        }
    }

    GpuRequestMatcher(DoctorHost host)
    {
        this.host = host;
        for (GpuReport gpu : host.gpus()) {
            try {
                for (VgpuType type : host.types(gpu)) {
                    offers.add(new Offer(type));
                }
            }
            catch (VfioException e) {
                errors.add(e.getMessage());
            }
        }
        offers.sort(Comparator.comparingLong((Offer offer) -> offer.type.framebufferMib()));
    }

    /** One request's fields as the matcher reads them, whatever its kind. */
    private record Wanted(int index, Kind kind, long minVramMib, long maxVramMib, Optional<String> mdevType, List<String> acceptableTypes, String suffix,
                          Optional<PciAddress> parentPort, Optional<PciAddress> bdf)
    {
        static Wanted of(GpuRequest request)
        {
            if (request instanceof MdevGpu mdev) {
                return new Wanted(mdev.index(), Kind.SYSFSDEV, mdev.minVramMib(), mdev.maxVramMib(), mdev.mdevType(), List.of(), mdev.suffix(),
                        mdev.parentPort(), Optional.empty());
            }
            if (request instanceof SriovGpu sriov) {
                return new Wanted(sriov.index(), Kind.SRIOVDEV, sriov.minVramMib(), sriov.maxVramMib(), Optional.empty(), sriov.acceptableTypes(), "",
                        Optional.empty(), Optional.empty());
            }
            PassthroughGpu passthrough = (PassthroughGpu) request;
            return new Wanted(passthrough.index(), Kind.PASSTHROUGH, 0, 0, Optional.empty(), List.of(), "", Optional.empty(), Optional.of(passthrough.address()));
        }
    }

    private enum Kind
    {
        SYSFSDEV, SRIOVDEV, PASSTHROUGH
    }

    Check match(GpuRequest gpu)
    {
        Wanted request = Wanted.of(gpu);
        String id = "vm.gpu" + request.index();
        String title = "VM " + gpu.describe();
        return switch (request.kind()) {
            case SYSFSDEV -> slice(request, id, title, mdevOffers(request));
            case SRIOVDEV -> slice(request, id, title, vfOffers(request));
            case PASSTHROUGH -> passthrough(request, id, title);
        };
    }

    private List<Offer> mdevOffers(Wanted request)
    {
        List<Offer> candidates = new ArrayList<>();
        for (Offer offer : offers) {
            boolean parent = request.parentPort().map(port -> port.equals(offer.type.parent())).orElse(true);
            if (offer.type.mechanism() == Mechanism.MDEV && parent) {
                candidates.add(offer);
            }
        }
        return candidates;
    }

    private List<Offer> vfOffers(Wanted request)
    {
        List<Offer> candidates = new ArrayList<>();
        for (Offer offer : offers) {
            Mechanism mechanism = offer.type.mechanism();
            if ((mechanism == Mechanism.SRIOV_VF || mechanism == Mechanism.VENDOR_VFIO) && acceptable(request, offer.type)) {
                candidates.add(offer);
            }
        }
        return candidates;
    }

    private Check slice(Wanted request, String id, String title, List<Offer> candidates)
    {
        List<Offer> fitting = new ArrayList<>();
        for (Offer offer : candidates) {
            if (fits(request, offer.type)) {
                fitting.add(offer);
            }
        }
        for (Offer offer : fitting) {
            if (offer.free > 0) {
                offer.free--;
                return Check.pass(id, title, "%s %s on %s (%d MiB; %d left after this VM)".formatted(kindOf(offer.type), Fixes.typeLabel(offer.type),
                        offer.type.parent(), offer.type.framebufferMib(), offer.free));
            }
        }
        String offered = candidates.isEmpty() ? "no " + noun(request) + " here" : "offered: " + list(candidates);
        if (!errors.isEmpty() && fitting.isEmpty()) {
            return Check.unknown(id, title, "no match among the types that could be read (%s); some could not: %s".formatted(offered, String.join("; ", errors)));
        }
        if (!fitting.isEmpty()) {
            return Check.fail(id, title, "every fitting type is in use (%s)".formatted(list(fitting)),
                    "stop a VM that holds one, or accept other types (" + offered + ")");
        }
        String wanted = request.mdevType().map(type -> "no GPU here offers mdev type " + type)
                .orElse("no %s with %s".formatted(noun(request), what(request)));
        return Check.fail(id, title, wanted + "; " + offered, fixFor(request));
    }

    private Check passthrough(Wanted request, String id, String title)
    {
        PciAddress address = request.bdf().orElseThrow();
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

    private static boolean fits(Wanted request, VgpuType type)
    {
        if (request.kind() == Kind.SYSFSDEV && request.mdevType().isPresent()) {
            return type.id().equals(request.mdevType().get());
        }
        long framebuffer = type.framebufferMib();
        boolean size = framebuffer >= request.minVramMib() && (request.maxVramMib() < 0 || framebuffer <= request.maxVramMib());
        boolean suffix = request.kind() != Kind.SYSFSDEV || type.name().endsWith(request.suffix());
        return size && suffix;
    }

    private static boolean acceptable(Wanted request, VgpuType type)
    {
        if (request.acceptableTypes().isEmpty()) {
            return true;
        }
        String name = type.name().toLowerCase(Locale.ROOT);
        String shortName = name.substring(name.lastIndexOf(' ') + 1);
        String id = type.id().toLowerCase(Locale.ROOT);
        for (String acceptable : request.acceptableTypes()) {
            String wanted = acceptable.toLowerCase(Locale.ROOT);
            if (name.equals(wanted) || shortName.equals(wanted) || id.equals(wanted) || id.startsWith(wanted + "-")) {
                return true;
            }
        }
        return false;
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

    private static String noun(Wanted request)
    {
        return request.kind() == Kind.SYSFSDEV ? "mdev type" : "VF type" + (request.acceptableTypes().isEmpty() ? "" : " named " + String.join(" or ", request.acceptableTypes()));
    }

    private static String what(Wanted request)
    {
        String sizes = request.maxVramMib() < 0 ? "at least %d MiB".formatted(request.minVramMib()) : "%d to %d MiB".formatted(request.minVramMib(), request.maxVramMib());
        return "a framebuffer of " + sizes + (request.kind() == Kind.SYSFSDEV && !request.suffix().isEmpty() ? " and a name ending in " + request.suffix() : "");
    }

    private static String fixFor(Wanted request)
    {
        if (request.mdevType().isPresent()) {
            return "set mdevType to one of the offered types, or to \"\" to choose by minVRam/maxVRam";
        }
        if (request.kind() == Kind.SRIOVDEV) {
            return "change acceptableTypes or minVRam/maxVRam to match an offered VF type";
        }
        return "change minVRam/maxVRam" + (request.suffix().isEmpty() ? "" : " or suffix") + " to match an offered type, or set mdevType";
    }

    private static String list(List<Offer> offers)
    {
        List<String> names = new ArrayList<>();
        for (Offer offer : offers.subList(0, Math.min(8, offers.size()))) {
            names.add("%s on %s (%d MiB, %d free)".formatted(Fixes.typeLabel(offer.type), offer.type.parent(), offer.type.framebufferMib(), offer.free));
        }
        return String.join(", ", names) + (offers.size() > 8 ? " and %d more".formatted(offers.size() - 8) : "");
    }
}
