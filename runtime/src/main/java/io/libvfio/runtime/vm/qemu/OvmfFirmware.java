package io.libvfio.runtime.vm.qemu;

import static java.util.Objects.requireNonNull;

/**
 * A UEFI firmware found through QEMU's firmware descriptors: the code (read-only flash) and the
 * variable-store template each VM gets its own copy of. Paths are host paths.
 */
public record OvmfFirmware(String descriptor, String code, String varsTemplate, boolean secureBoot, boolean requiresSmm)
{
    public OvmfFirmware
    {
        requireNonNull(descriptor, "descriptor is null");
        requireNonNull(code, "code is null");
        requireNonNull(varsTemplate, "varsTemplate is null");
    }
}
