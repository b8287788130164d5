package io.libvfio.testkit;

import io.libvfio.api.Errno;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * NVIDIA's vendor-specific VFIO (sysfs-spec §5.3): {@code <VF>/nvidia/current_vgpu_type} and the
 * {@code creatable_vgpu_types} lists of the PF's VFs, with the upstream RFC's semantics that the
 * spec gives for fixtures:
 * <ul>
 * <li>kstrtol base 10 else EINVAL, a negative id EINVAL; a non-zero id while the VF has one, or 0 while it has none, EPERM
 * (NVIDIA's shipped glue);</li>
 * <li>an id other than the type the GPU already runs EINVAL (homogeneous; checked first, since a
 * GPU first seen running a type shows no other); an id the card does not know (in no VF's full
 * list) ENODEV; the type's maximum reached ENOSPC;</li>
 * <li>a VF with a type lists only the header; while the GPU runs type T, every free VF lists only T
 * while another T fits, else only the header; with no vGPU on the GPU every VF shows its full
 * list again.</li>
 * </ul>
 * A type's maximum is the GPU's framebuffer (the largest profile size of the list, {@code 48} of
 * {@code L40S-48Q}) divided by the profile's size ({@code 2} of {@code L40S-2Q}), at most the
 * number of VFs; a name without a size fits once per VF. A VF's full list is its list when it is
 * first seen without a type; a VF first seen with a type gets the union of its siblings' lists.
 * A GPU first seen running a type T already shows only T: then T fits as often as the VFs then
 * holding it and the free VFs then listing it together.
 */
final class NvidiaVgpuEmulation
{
    static final String HEADER = "ID    : vGPU Name";
    private static final Pattern ROW = Pattern.compile("\\s*(-?\\d+)\\s+:\\s*(.*)");
    private static final Pattern SIZE = Pattern.compile("-(\\d{1,4})[A-Z]{1,4}$");

    private final KernelTree tree;
    /** VF directory (canonical) to its full list of type id to name, in list order. */
    private final Map<String, Map<Long, String>> fullLists = new HashMap<>();
    /** VF directory to its list as first seen without a type, byte for byte, shown again when the GPU is empty. */
    private final Map<String, String> originalTexts = new HashMap<>();
    /** First VF directory of a GPU to the maximum of the type it ran when first seen, if it ran one. */
    private final Map<String, Map<Long, Long>> observedMaximum = new HashMap<>();

    NvidiaVgpuEmulation(KernelTree tree)
    {
        this.tree = requireNonNull(tree, "tree is null");
    }

    static boolean isCurrentVgpuType(String canonicalPath)
    {
        return canonicalPath.endsWith("/nvidia/current_vgpu_type");
    }

    void storeCurrentType(String canonicalPath, String value)
    {
        long requested;
        try {
            requested = KernelStrings.signedDecimal(value);
        }
        catch (WriteRefused e) {
            throw WriteRefused.because(Errno.EINVAL, "not a decimal number: " + value);
        }
        if (requested < 0) {
            throw WriteRefused.because(Errno.EINVAL, "not a vGPU type id: " + value);
        }
        String vf = canonicalPath.substring(0, canonicalPath.length() - "/nvidia/current_vgpu_type".length());
        // Each sibling's current type, read once: nothing else changes them during this write.
        Map<String, Long> currents = siblings(vf);
        List<String> siblings = List.copyOf(currents.keySet());
        observe(siblings);
        siblings.forEach(this::remember);
        long current = currents.get(vf);
        if (requested != 0 && current != 0) {
            throw WriteRefused.because(Errno.EPERM, "vGPU device already created with type ID " + current);
        }
        if (requested == 0 && current == 0) {
            throw WriteRefused.because(Errno.EPERM, "No vGPU exists on current device");
        }
        if (requested != 0) {
            for (String sibling : siblings) {
                long running = currents.get(sibling);
                if (running != 0 && running != requested) {
                    throw WriteRefused.because(Errno.EINVAL, "the GPU runs vGPU type " + running);
                }
            }
            Map<Long, String> known = known(siblings);
            if (!known.containsKey(requested)) {
                throw WriteRefused.because(Errno.ENODEV, "unknown vGPU type " + requested);
            }
            if (count(siblings, currents, requested) >= maximum(siblings, known, requested)) {
                throw WriteRefused.because(Errno.ENOSPC, "no more vGPUs of type " + requested + " fit");
            }
        }
        tree.store(canonicalPath, Long.toString(requested));
        currents.put(vf, current(vf));
        refresh(siblings, currents);
    }

    /**
     * Rewrites every sibling's {@code creatable_vgpu_types} from the GPU's state ({@code currents}:
     * each sibling's type now). A file that already reads as it should is left alone: the same
     * bytes either way, without rewriting hundreds of files per write on a large host.
     */
    private void refresh(List<String> siblings, Map<String, Long> currents)
    {
        Map<Long, String> known = known(siblings);
        long running = 0;
        for (String sibling : siblings) {
            running = running != 0 ? running : currents.get(sibling);
        }
        boolean fits = running != 0 && count(siblings, currents, running) < maximum(siblings, known, running);
        for (String sibling : siblings) {
            if (running == 0 && originalTexts.containsKey(sibling)) {
                storeIfChanged(sibling + "/nvidia/creatable_vgpu_types", originalTexts.get(sibling), false);
                continue;
            }
            StringBuilder list = new StringBuilder(HEADER);
            if (currents.get(sibling) == 0) {
                for (Map.Entry<Long, String> row : fullLists.getOrDefault(sibling, known).entrySet()) {
                    if (running == 0 || (fits && row.getKey() == running)) {
                        list.append('\n').append("%-5d : %s".formatted(row.getKey(), row.getValue()));
                    }
                }
            }
            storeIfChanged(sibling + "/nvidia/creatable_vgpu_types", list.toString(), true);
        }
    }

    /**
     * Stores an attribute unless it already holds exactly what {@link KernelTree#store} would
     * write; with {@code onlyIfPresent}, not when it does not exist.
     */
    private void storeIfChanged(String attribute, String value, boolean onlyIfPresent)
    {
        Optional<byte[]> now = tree.bytes(attribute);
        if (now.isPresent() && Arrays.equals(now.get(), (value + "\n").getBytes(StandardCharsets.UTF_8))) {
            return;
        }
        if (now.isPresent() || !onlyIfPresent || tree.exists(attribute)) {
            tree.store(attribute, value);
        }
    }

    /**
     * The VFs of the same PF that have the framework's files, this one included, each with its
     * current type (read with the same look that finds the file).
     */
    private Map<String, Long> siblings(String vf)
    {
        Map<String, Long> siblings = new LinkedHashMap<>();
        String pf = tree.canonical(vf + "/physfn").orElse(null);
        if (pf != null) {
            for (String name : tree.names(pf)) {
                if (name.startsWith("virtfn")) {
                    tree.canonical(pf + "/" + name).ifPresent(sibling -> {
                        Optional<String> current = tree.value(sibling + "/nvidia/current_vgpu_type");
                        if (current.isPresent() || tree.exists(sibling + "/nvidia/current_vgpu_type")) {
                            siblings.putIfAbsent(sibling, current.map(String::strip).map(Long::parseLong).orElse(0L));
                        }
                    });
                }
            }
        }
        if (!siblings.containsKey(vf)) {
            siblings.put(vf, current(vf));
        }
        return siblings;
    }

    private void remember(String vf)
    {
        if (!fullLists.containsKey(vf) && current(vf) == 0) {
            String text = tree.value(vf + "/nvidia/creatable_vgpu_types").orElse("");
            originalTexts.put(vf, text);
            fullLists.put(vf, rows(text));
        }
    }

    /** Every type any sibling's full list names. */
    private Map<Long, String> known(List<String> siblings)
    {
        Map<Long, String> known = new LinkedHashMap<>();
        for (String sibling : siblings) {
            fullLists.getOrDefault(sibling, Map.of()).forEach(known::putIfAbsent);
        }
        return known;
    }

    private static long count(List<String> siblings, Map<String, Long> currents, long type)
    {
        return siblings.stream().filter(sibling -> currents.get(sibling) == type).count();
    }

    private long count(List<String> siblings, long type)
    {
        return siblings.stream().filter(sibling -> current(sibling) == type).count();
    }

    /** On first sight of a GPU that runs a type: how often that type fits, from what its VFs show. */
    private void observe(List<String> siblings)
    {
        if (observedMaximum.containsKey(siblings.get(0))) {
            return;
        }
        Map<Long, Long> maximum = new HashMap<>();
        for (String sibling : siblings) {
            long running = current(sibling);
            if (running != 0 && !maximum.containsKey(running)) {
                long listing = siblings.stream()
                        .filter(other -> current(other) == 0 && rows(tree.value(other + "/nvidia/creatable_vgpu_types").orElse("")).containsKey(running))
                        .count();
                maximum.put(running, count(siblings, running) + listing);
            }
        }
        observedMaximum.put(siblings.get(0), maximum);
    }

    private long maximum(List<String> siblings, Map<Long, String> known, long type)
    {
        Long observed = observedMaximum.getOrDefault(siblings.get(0), Map.of()).get(type);
        if (observed != null) {
            return observed;
        }
        int functions = siblings.size();
        long size = size(known.get(type));
        long total = known.values().stream().mapToLong(NvidiaVgpuEmulation::size).max().orElse(0);
        return size <= 0 ? functions : Math.min(functions, total / size);
    }

    private static long size(String name)
    {
        Matcher matcher = SIZE.matcher(name == null ? "" : name.strip());
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private long current(String vf)
    {
        return tree.value(vf + "/nvidia/current_vgpu_type").map(String::strip).map(Long::parseLong).orElse(0L);
    }

    private static Map<Long, String> rows(String list)
    {
        Map<Long, String> rows = new LinkedHashMap<>();
        for (String line : list.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                rows.put(Long.parseLong(row.group(1)), row.group(2).strip());
            }
        }
        return rows;
    }
}
