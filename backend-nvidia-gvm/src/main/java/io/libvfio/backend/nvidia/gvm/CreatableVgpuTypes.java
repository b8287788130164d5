package io.libvfio.backend.nvidia.gvm;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A VF's {@code nvidia/creatable_vgpu_types} table (sysfs-spec §5.3): the header
 * {@code ID    : vGPU Name}, then one {@code "%-5d : %s"} row per type the VF can still take. A
 * VF that already holds a vGPU may show only the header, or nothing. Rows that are not
 * {@code <id> : <name>} are reported in {@link #problems()} and skipped; the good rows stay.
 *
 * @param text the table as read, so that a VF showing the same text can share the parse
 */
record CreatableVgpuTypes(String text, List<CreatableVgpuType> types, List<String> problems)
{
    private static final String HEADER_ID = "ID";
    private static final String HEADER_NAME = "vGPU Name";

    CreatableVgpuTypes
    {
        requireNonNull(text, "text is null");
        types = List.copyOf(requireNonNull(types, "types is null"));
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
    }

    // Hand-rolled line scan (no split, strip or IntStream): every VF's table is parsed at start-up.
    static CreatableVgpuTypes parse(String path, String text)
    {
        List<CreatableVgpuType> types = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean first = true;
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            String row = text.substring(start, end).strip();
            start = end + 1;
            if (row.isEmpty()) {
                continue;
            }
            if (first && row.startsWith(HEADER_ID) && row.endsWith(HEADER_NAME)) {
                first = false;
                continue;
            }
            first = false;
            int colon = row.indexOf(':');
            int id = colon < 0 ? 0 : typeId(row.substring(0, colon).strip());
            String name = colon < 0 ? "" : row.substring(colon + 1).strip();
            if (id == 0 || name.isEmpty()) {
                problems.add(path + ": row '" + row + "' is not '<id> : <vGPU name>'; skipped");
                continue;
            }
            types.add(new CreatableVgpuType(id, name));
        }
        return new CreatableVgpuTypes(text, types, problems);
    }

    /** The decimal id of a row, or 0 when it is not 1 to 9 digits (0 itself is no type id either). */
    private static int typeId(String digits)
    {
        if (digits.isEmpty() || digits.length() > 9) {
            return 0;
        }
        int value = 0;
        for (int index = 0; index < digits.length(); index++) {
            char character = digits.charAt(index);
            if (character < '0' || character > '9') {
                return 0;
            }
            value = value * 10 + (character - '0');
        }
        return value;
    }
}
