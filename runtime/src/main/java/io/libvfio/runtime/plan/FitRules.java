package io.libvfio.runtime.plan;

import io.libvfio.api.Mechanism;
import io.libvfio.api.VgpuType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whether a candidate is the kind of slice a request asks for, regardless of what is in use:
 * mechanism, GPU, parent, type, acceptable types, name suffix and size, in that order. Every
 * broken rule is reported, not only the first.
 */
final class FitRules
{
    private FitRules()
    {
    }

    static List<Rejection> check(SliceRequest request, Candidate candidate)
    {
        List<Rejection> rejections = new ArrayList<>();
        VgpuType type = candidate.type();
        if (!request.mechanisms().contains(type.mechanism())) {
            rejections.add(new Rejection(Rejection.Reason.WRONG_MECHANISM, "wrong mechanism: %s, the request takes %s".formatted(type.mechanism().label(),
                    request.mechanisms().stream().map(Mechanism::label).sorted().collect(Collectors.joining(" or ")))));
        }
        if (request.gpu().isPresent() && !request.gpu().get().equals(candidate.gpu())) {
            rejections.add(new Rejection(Rejection.Reason.WRONG_GPU, "not the GPU asked for (%s)".formatted(request.gpu().get())));
        }
        if (request.parentPort().isPresent() && !request.parentPort().get().equals(candidate.gpu())) {
            rejections.add(new Rejection(Rejection.Reason.WRONG_PARENT, "wrong parent: not parentPort %s".formatted(request.parentPort().get())));
        }
        if (request.typeId().isPresent() && !request.typeId().get().equals(type.id())) {
            rejections.add(new Rejection(Rejection.Reason.WRONG_TYPE, "wrong type: not %s".formatted(request.typeId().get())));
        }
        if (!request.acceptableTypes().isEmpty() && !acceptable(request.acceptableTypes(), type)) {
            rejections.add(new Rejection(Rejection.Reason.NOT_ACCEPTABLE, "not acceptable: %s is not in acceptableTypes [%s]".formatted(type.name(),
                    String.join(", ", request.acceptableTypes()))));
        }
        if (request.typeId().isEmpty()) {
            if (!request.suffix().isEmpty() && !type.name().endsWith(request.suffix())) {
                rejections.add(new Rejection(Rejection.Reason.WRONG_SUFFIX, "name does not end in " + request.suffix()));
            }
            request.vram().ifPresent(range -> size(range, type.framebufferMib(), rejections));
        }
        return rejections;
    }

    private static void size(VramRange range, long framebuffer, List<Rejection> rejections)
    {
        if (framebuffer < range.minMib()) {
            rejections.add(new Rejection(Rejection.Reason.TOO_SMALL, "too small: %d MiB < %d MiB".formatted(framebuffer, range.minMib())));
        }
        else if (!range.contains(framebuffer)) {
            rejections.add(new Rejection(Rejection.Reason.TOO_BIG, "too big: %d MiB > %d MiB".formatted(framebuffer, range.maxMib().getAsLong())));
        }
    }

    /**
     * LibVF.IO's {@code acceptableTypes} name GIM GPU types ({@code S7150}); a type matches by its
     * name, the name's last word, its id, or its id's prefix ({@code S7150} for {@code S7150-1984M}),
     * ignoring case.
     */
    static boolean acceptable(List<String> acceptableTypes, VgpuType type)
    {
        String name = type.name().toLowerCase(Locale.ROOT);
        String lastWord = name.substring(name.lastIndexOf(' ') + 1);
        String id = type.id().toLowerCase(Locale.ROOT);
        for (String acceptable : acceptableTypes) {
            String wanted = acceptable.toLowerCase(Locale.ROOT);
            if (name.equals(wanted) || lastWord.equals(wanted) || id.equals(wanted) || id.startsWith(wanted + "-")) {
                return true;
            }
        }
        return false;
    }
}
