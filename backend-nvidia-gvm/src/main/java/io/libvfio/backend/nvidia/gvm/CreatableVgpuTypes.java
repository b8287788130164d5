package io.libvfio.backend.nvidia.gvm;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A VF's {@code nvidia/creatable_vgpu_types} table (sysfs-spec §5.3): the header
 * {@code ID    : vGPU Name}, then one {@code "%-5d : %s"} row per type the VF can still take. A
 * VF that already holds a vGPU may show only the header, or nothing. Rows that are not
 * {@code <id> : <name>} are reported in {@link #problems()} and skipped; the good rows stay.
 */
record CreatableVgpuTypes(List<CreatableVgpuType> types, List<String> problems)
{
    private static final String HEADER_ID = "ID";
    private static final String HEADER_NAME = "vGPU Name";

    CreatableVgpuTypes
    {
        types = List.copyOf(requireNonNull(types, "types is null"));
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
    }

    static CreatableVgpuTypes parse(String path, String text)
    {
        List<CreatableVgpuType> types = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean first = true;
        for (String line : text.split("\n")) {
            String row = line.strip();
            if (row.isEmpty()) {
                continue;
            }
            if (first && row.startsWith(HEADER_ID) && row.endsWith(HEADER_NAME)) {
                first = false;
                continue;
            }
            first = false;
            int colon = row.indexOf(':');
            String id = colon < 0 ? "" : row.substring(0, colon).strip();
            String name = colon < 0 ? "" : row.substring(colon + 1).strip();
            if (id.isEmpty() || id.length() > 9 || !id.chars().allMatch(character -> character >= '0' && character <= '9') || Integer.parseInt(id) == 0 || name.isEmpty()) {
                problems.add("%s: row '%s' is not '<id> : <vGPU name>'; skipped".formatted(path, row));
                continue;
            }
            types.add(new CreatableVgpuType(Integer.parseInt(id), name));
        }
        return new CreatableVgpuTypes(types, problems);
    }
}
