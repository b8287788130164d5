package io.libvfio.testkit;

import io.libvfio.api.Errno;

import java.util.Map;

/**
 * The shared counters behind {@code available_instances} of mdev types that are neither NVIDIA
 * nor GVT-g (sysfs-spec §2.3), as a real 6.1 kernel shows them (examples/testbed):
 * <ul>
 * <li>The kernel's sample drivers count one module-wide resource with {@code get_available()}:
 * {@code mtty} 24 serial ports ({@code mtty-1} takes 1, {@code mtty-2} 2), {@code mbochs} its
 * video memory ({@code count=256} MB: {@code mbochs-small} 4, {@code -medium} 16, {@code -large}
 * 64). A type shows how many of it still fit, so creating one type lowers the others too, and
 * a create that does not fit is ENOSPC (the driver's {@code init_dev}).</li>
 * <li>Drivers without {@code get_available()} ({@code mdpy}, and any other driver here) are
 * counted by the mdev core: one counter per parent, initialised to the driver's
 * {@code max_instances}, that every create of any of the parent's types lowers by 1; at 0 a
 * create is EUSERS.</li>
 * </ul>
 * A pool is named after the type's driver (the part of the type id before the first dash), so
 * one parent can hold types of several drivers, each with its own pool.
 */
final class MdevPools
{
    private static final Map<String, Integer> COSTS = Map.of(
            "mtty-1", 1,
            "mtty-2", 2,
            "mbochs-small", 4,
            "mbochs-medium", 16,
            "mbochs-large", 64);

    private MdevPools()
    {
    }

    /** The pool a type draws from: its driver's name. */
    static String pool(String type)
    {
        int dash = type.indexOf('-');
        return dash > 0 ? type.substring(0, dash) : type;
    }

    /** What one instance of the type takes from its pool: ports, megabytes, or 1 for core-counted types. */
    static int cost(String type)
    {
        return COSTS.getOrDefault(type, 1);
    }

    /** True when the driver counts its own resource ({@code get_available()}); false when the mdev core counts instances. */
    static boolean vendorCounted(String type)
    {
        String pool = pool(type);
        return pool.equals("mtty") || pool.equals("mbochs");
    }

    /** The errno of a create that no longer fits: the sample driver's ENOSPC, or the mdev core's EUSERS. */
    static Errno exhausted(String type)
    {
        return vendorCounted(type) ? Errno.ENOSPC : Errno.EUSERS;
    }
}
