package io.libvfio.testkit;

import io.libvfio.api.Errno;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * NVIDIA's vendor-specific VFIO (sysfs-spec §5.3): {@code <VF>/nvidia/current_vgpu_type}. While a
 * VF has a type its {@code creatable_vgpu_types} shows only the header line; clearing the type
 * brings the VF's list back. Types are per VF: other VFs' lists are not changed.
 */
final class NvidiaVgpuEmulation
{
    static final String HEADER = "ID    : vGPU Name";
    private static final Pattern ROW = Pattern.compile("\\s*(-?\\d+)\\s+:\\s.*");

    private final KernelTree tree;
    private final Map<String, String> fullLists = new HashMap<>();

    NvidiaVgpuEmulation(KernelTree tree)
    {
        this.tree = requireNonNull(tree, "tree is null");
    }

    static boolean isCurrentVgpuType(String canonicalPath)
    {
        return canonicalPath.endsWith("/nvidia/current_vgpu_type");
    }

    /**
     * kstrtol base 10 else EINVAL; a non-zero id while one is set, or 0 while none is, EPERM;
     * a non-zero id the VF's {@code creatable_vgpu_types} does not list, EINVAL.
     */
    void storeCurrentType(String canonicalPath, String value)
    {
        long requested;
        try {
            requested = KernelStrings.signedDecimal(value);
        }
        catch (WriteRefused e) {
            throw WriteRefused.because(Errno.EINVAL, "not a decimal number: " + value);
        }
        long current = tree.value(canonicalPath).map(String::strip).map(Long::parseLong).orElse(0L);
        if (requested != 0 && current != 0) {
            throw WriteRefused.because(Errno.EPERM, "vGPU device already created with type ID " + current);
        }
        if (requested == 0 && current == 0) {
            throw WriteRefused.because(Errno.EPERM, "No vGPU exists on current device");
        }
        String nvidia = canonicalPath.substring(0, canonicalPath.lastIndexOf('/'));
        String creatable = nvidia + "/creatable_vgpu_types";
        if (requested != 0) {
            String list = tree.value(creatable).orElse("");
            if (!ids(list).contains(requested)) {
                throw WriteRefused.because(Errno.EINVAL, "type " + requested + " is not creatable on this VF");
            }
            fullLists.put(nvidia, list);
            tree.store(creatable, HEADER);
            tree.store(canonicalPath, Long.toString(requested));
            return;
        }
        String list = fullLists.remove(nvidia);
        if (list != null) {
            tree.store(creatable, list);
        }
        tree.store(canonicalPath, "0");
    }

    private static Set<Long> ids(String list)
    {
        Set<Long> ids = new HashSet<>();
        for (String line : list.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                ids.add(Long.parseLong(row.group(1)));
            }
        }
        return ids;
    }
}
