package io.libvfio.runtime.vm.config;

import static java.util.Objects.requireNonNull;

/**
 * A per-VM number such as a SPICE or VNC port or a vsock CID: off, chosen by libvfio at start so
 * that VMs never collide ({@code AUTO}), or fixed by the file ({@code FIXED}, with its value).
 */
public record Allocation(Mode mode, int value)
{
    public enum Mode
    {
        OFF, AUTO, FIXED
    }

    private static final Allocation OFF = new Allocation(Mode.OFF, 0);
    private static final Allocation AUTO = new Allocation(Mode.AUTO, 0);

    public Allocation
    {
        requireNonNull(mode, "mode is null");
        if (mode != Mode.FIXED && value != 0) {
            throw new IllegalArgumentException("only a fixed allocation has a value");
        }
    }

    public static Allocation off()
    {
        return OFF;
    }

    public static Allocation auto()
    {
        return AUTO;
    }

    public static Allocation fixed(int value)
    {
        return new Allocation(Mode.FIXED, value);
    }

    public boolean enabled()
    {
        return mode != Mode.OFF;
    }

    /** {@code off}, {@code auto} or the number: the form both YAML formats and the schema use. */
    public String label()
    {
        return mode == Mode.FIXED ? Integer.toString(value) : mode == Mode.OFF ? "off" : "auto";
    }
}
