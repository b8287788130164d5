package io.libvfio.api.spi;

import io.libvfio.api.Mechanism;

import static java.util.Objects.requireNonNull;

/**
 * One row of the hardware support matrix: hardware a backend handles, the mechanism it uses,
 * and what the host needs for it. Backends declare these in {@link BackendProvider#support()};
 * the README's table is generated from them.
 *
 * @param vendor the GPU vendor, e.g. {@code NVIDIA}
 * @param hardware the GPUs and generations, in words ({@code Ada, Hopper, Blackwell on vGPU 17+})
 * @param mechanism how a slice reaches a VM
 * @param kernel the Linux kernel it needs, in words ({@code 6.8+}, {@code any with VFIO mdev})
 * @param requirements the drivers, modules and settings the host needs; {@code `code`} spans allowed
 * @param createDestroy whether creating and destroying vGPUs is implemented for this hardware
 */
public record SupportEntry(String vendor, String hardware, Mechanism mechanism, String kernel, String requirements, boolean createDestroy)
{
    public SupportEntry
    {
        requireNonNull(mechanism, "mechanism is null");
        checkCell("vendor", vendor);
        checkCell("hardware", hardware);
        checkCell("kernel", kernel);
        checkCell("requirements", requirements);
    }

    /** Every field is one markdown table cell: one line, no {@code |}. */
    private static void checkCell(String field, String value)
    {
        requireNonNull(value, field + " is null");
        if (value.isBlank() || value.indexOf('|') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("support entry " + field + " must be one non-empty line without '|': '" + value + "'");
        }
    }
}
