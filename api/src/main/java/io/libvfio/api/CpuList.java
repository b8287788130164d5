package io.libvfio.api;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A set of CPU numbers in the kernel's cpulist format ({@code "0-3,8-11"}).
 */
public record CpuList(List<Integer> cpus)
{
    private static final int MAX_CPU = 1 << 16;

    public CpuList
    {
        cpus = List.copyOf(requireNonNull(cpus, "cpus is null"));
    }

    public static CpuList empty()
    {
        return new CpuList(List.of());
    }

    /**
     * Parses the kernel cpulist format. The empty string is the empty set.
     *
     * @throws IllegalArgumentException naming the bad part when the text is not a cpulist
     */
    public static CpuList parse(String text)
    {
        requireNonNull(text, "text is null");
        String trimmed = text.strip();
        BitSet set = new BitSet();
        // Split by hand, no regex or streams: every PCI function's local_cpulist is parsed at start-up.
        int start = 0;
        while (!trimmed.isEmpty() && start <= trimmed.length()) {
            int comma = trimmed.indexOf(',', start);
            int end = comma < 0 ? trimmed.length() : comma;
            String part = trimmed.substring(start, end);
            int dash = part.indexOf('-');
            int first = parseCpu(text, dash < 0 ? part : part.substring(0, dash));
            int last = dash < 0 ? first : parseCpu(text, part.substring(dash + 1));
            if (last < first) {
                throw new IllegalArgumentException("not a CPU list: '%s' (range %s runs backwards)".formatted(text, part));
            }
            set.set(first, last + 1);
            start = end + 1;
        }
        List<Integer> cpus = new ArrayList<>(set.cardinality());
        for (int cpu = set.nextSetBit(0); cpu >= 0; cpu = set.nextSetBit(cpu + 1)) {
            cpus.add(cpu);
        }
        return new CpuList(cpus);
    }

    private static int parseCpu(String text, String number)
    {
        if (number.isEmpty() || number.length() > 5) {
            throw new IllegalArgumentException("not a CPU list: '%s'".formatted(text));
        }
        for (int index = 0; index < number.length(); index++) {
            if (!Character.isDigit(number.charAt(index))) {
                throw new IllegalArgumentException("not a CPU list: '%s'".formatted(text));
            }
        }
        int cpu = Integer.parseInt(number);
        if (cpu >= MAX_CPU) {
            throw new IllegalArgumentException("not a CPU list: '%s' (CPU %d is out of range)".formatted(text, cpu));
        }
        return cpu;
    }

    public boolean isEmpty()
    {
        return cpus.isEmpty();
    }

    public int size()
    {
        return cpus.size();
    }

    /** The canonical cpulist text, ranges collapsed: {@code "0-3,8"}. */
    @Override
    public String toString()
    {
        List<String> parts = new ArrayList<>();
        int index = 0;
        while (index < cpus.size()) {
            int start = cpus.get(index);
            int end = start;
            while (index + 1 < cpus.size() && cpus.get(index + 1) == end + 1) {
                end = cpus.get(++index);
            }
            parts.add(start == end ? Integer.toString(start) : start + "-" + end);
            index++;
        }
        return String.join(",", parts);
    }
}
