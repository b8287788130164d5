package io.libvfio.runtime.vm.config;

import static java.util.Objects.requireNonNull;

/**
 * The guest firmware: UEFI (OVMF with a per-VM vars copy, optionally Secure Boot) or BIOS
 * (SeaBIOS), and whether the VM gets a TPM (swtpm; Windows 11 wants one).
 */
public record Firmware(Kind kind, boolean secureBoot, boolean tpm)
{
    public enum Kind
    {
        UEFI, BIOS
    }

    public Firmware
    {
        requireNonNull(kind, "kind is null");
    }

    public static Firmware defaults()
    {
        return new Firmware(Kind.UEFI, false, false);
    }
}
