package io.libvfio.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Intel GVT-g's resource accounting (sysfs-spec §3): every type reads
 * {@code min(low_free / low_gm, high_free / high_gm, fence_free / fence)}, recomputed from what
 * the parent's vGPUs use.
 *
 * <p>The parent's budget is not in sysfs, so it is derived from the counts the tree shows when
 * the fake kernel first touches the parent: the free budget of each resource is the smallest
 * that gives every type at least its shown count ({@code max(count * size)} over the types),
 * plus what existing instances use. That budget reproduces the shown counts whenever any budget
 * can; where none can (hand-written counts that no GVT-g would show), each type is also capped
 * at its initial count, so the first reading is still what the tree showed.
 */
final class GvtBudget
{
    private static final Pattern LOW = Pattern.compile("low_gm_size:\\s*(\\d+)MB");
    private static final Pattern HIGH = Pattern.compile("high_gm_size:\\s*(\\d+)MB");
    private static final Pattern FENCE = Pattern.compile("fence:\\s*(\\d+)");

    /** What one vGPU of a type takes: low and high graphics memory in MB, fence registers. */
    record Size(long low, long high, long fences)
    {
        long used(int instances, int resource)
        {
            return instances * amount(resource);
        }

        long amount(int resource)
        {
            return switch (resource) {
                case 0 -> low;
                case 1 -> high;
                default -> fences;
            };
        }
    }

    private final Map<String, Size> sizes;
    private final long[] total = new long[3];
    private final Map<String, Integer> caps = new HashMap<>();

    private GvtBudget(Map<String, Size> sizes, Map<String, Integer> shown, Map<String, Integer> instances)
    {
        this.sizes = Map.copyOf(sizes);
        long[] free = new long[3];
        for (Map.Entry<String, Size> type : sizes.entrySet()) {
            for (int resource = 0; resource < 3; resource++) {
                free[resource] = Math.max(free[resource], shown.get(type.getKey()) * type.getValue().amount(resource));
            }
        }
        boolean consistent = sizes.keySet().stream().allMatch(type -> fit(sizes.get(type), free) == shown.get(type));
        for (int resource = 0; resource < 3; resource++) {
            total[resource] = free[resource] + used(instances, resource);
        }
        if (!consistent) {
            caps.putAll(shown);
        }
    }

    /** The budget of a parent, from each type's description, shown count and instances; types without a parsable description are left out. */
    static GvtBudget derive(Map<String, String> descriptions, Map<String, Integer> shown, Map<String, Integer> instances)
    {
        Map<String, Size> sizes = new HashMap<>();
        descriptions.forEach((type, description) -> parse(description).ifPresent(size -> sizes.put(type, size)));
        return new GvtBudget(sizes, shown, instances);
    }

    /** The sizes in a GVT-g {@code description}, when it has all three with non-zero values. */
    static Optional<Size> parse(String description)
    {
        Optional<Long> low = number(LOW, description);
        Optional<Long> high = number(HIGH, description);
        Optional<Long> fences = number(FENCE, description);
        if (low.isEmpty() || high.isEmpty() || fences.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Size(low.get(), high.get(), fences.get()));
    }

    boolean covers(String type)
    {
        return sizes.containsKey(type);
    }

    /** The count a type reads with these instances on the parent. */
    int available(String type, Map<String, Integer> instances)
    {
        long[] free = new long[3];
        for (int resource = 0; resource < 3; resource++) {
            free[resource] = Math.max(0, total[resource] - used(instances, resource));
        }
        int available = fit(requireNonNull(sizes.get(type), type), free);
        return caps.containsKey(type) ? Math.min(available, caps.get(type)) : available;
    }

    private long used(Map<String, Integer> instances, int resource)
    {
        long used = 0;
        for (Map.Entry<String, Size> type : sizes.entrySet()) {
            used += type.getValue().used(instances.getOrDefault(type.getKey(), 0), resource);
        }
        return used;
    }

    private static int fit(Size size, long[] free)
    {
        long fit = Long.MAX_VALUE;
        for (int resource = 0; resource < 3; resource++) {
            fit = Math.min(fit, free[resource] / size.amount(resource));
        }
        return (int) Math.min(fit, Integer.MAX_VALUE);
    }

    private static Optional<Long> number(Pattern pattern, String text)
    {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        long value = Long.parseLong(matcher.group(1));
        return value > 0 ? Optional.of(value) : Optional.empty();
    }
}
