package io.libvfio.runtime.facts;

import io.libvfio.api.spi.HostFs;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The CPU as {@code /proc/cpuinfo} describes it: the vendor and the first CPU's flags (every CPU
 * of a machine has the same virtualization flags).
 *
 * @param vendorId {@code GenuineIntel}, {@code AuthenticAMD}, ...; empty when the file has none
 * @param flags the {@code flags} line's words
 */
public record CpuInfo(Optional<String> vendorId, Set<String> flags)
{
    public static final String PATH = "/proc/cpuinfo";

    public CpuInfo
    {
        requireNonNull(vendorId, "vendorId is null");
        flags = Set.copyOf(requireNonNull(flags, "flags is null"));
    }

    /** The host's CPU, or empty when {@code /proc/cpuinfo} does not exist under the root. */
    public static Optional<CpuInfo> read(HostFs fs)
    {
        return fs.read(PATH).map(CpuInfo::parse);
    }

    public static CpuInfo parse(String text)
    {
        Optional<String> vendor = Optional.empty();
        Set<String> flags = new TreeSet<>();
        boolean flagsSeen = false;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("vendor_id") && vendor.isEmpty()) {
                vendor = Optional.of(value);
            }
            else if (key.equals("flags") && !flagsSeen) {
                flagsSeen = true;
                flags.addAll(Arrays.asList(value.split("\\s+")));
                flags.remove("");
            }
        }
        return new CpuInfo(vendor, flags);
    }

    /** Intel VT-x. */
    public boolean hasVmx()
    {
        return flags.contains("vmx");
    }

    /** AMD-V. */
    public boolean hasSvm()
    {
        return flags.contains("svm");
    }

    /** The {@code hypervisor} flag: this machine is a virtual machine. */
    public boolean inVirtualMachine()
    {
        return flags.contains("hypervisor");
    }

    public boolean isIntel()
    {
        return vendorId.filter("GenuineIntel"::equals).isPresent();
    }

    public boolean isAmd()
    {
        return vendorId.filter(vendor -> vendor.equals("AuthenticAMD") || vendor.equals("HygonGenuine")).isPresent();
    }
}
