package io.libvfio.testkit;

import io.libvfio.api.Errno;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The writable per-function attributes of sysfs-spec §1.1 that are not about drivers or SR-IOV
 * ({@code enable}, {@code reset}, {@code reset_method}, {@code remove}), and the bus's
 * {@code drivers_autoprobe} and {@code rescan} (§1.5).
 */
final class PciDeviceEmulation
{
    private static final Set<String> RESET_METHODS = Set.of("device_specific", "acpi", "flr", "af_flr", "pm", "bus", "cxl_bus");

    private final KernelTree tree;
    private final PciFunctions pci;

    PciDeviceEmulation(KernelTree tree, PciFunctions pci)
    {
        this.tree = requireNonNull(tree, "tree is null");
        this.pci = requireNonNull(pci, "pci is null");
    }

    /** {@code enable}: EINVAL unless a number; EBUSY while a driver is bound; EIO disabling a disabled device; else counts up or down. */
    void storeEnable(String attribute, String bdf, String value)
    {
        long requested = number(value);
        if (pci.driver(bdf).isPresent()) {
            throw WriteRefused.because(Errno.EBUSY, bdf + " has a driver");
        }
        int count = tree.value(attribute).map(String::strip).map(Integer::parseInt).orElse(0);
        if (requested == 0 && count == 0) {
            throw WriteRefused.because(Errno.EIO, bdf + " is not enabled");
        }
        tree.store(attribute, Integer.toString(requested == 0 ? count - 1 : count + 1));
    }

    /** {@code reset}: only 1 is accepted; the reset itself changes nothing visible. */
    void storeReset(String value)
    {
        if (number(value) != 1) {
            throw WriteRefused.because(Errno.EINVAL, "reset takes 1");
        }
    }

    /**
     * {@code reset_method}: names from the kernel's list, space separated; an unknown name is
     * EINVAL and leaves the list; empty disables reset (0-byte file); {@code default} keeps the list.
     */
    void storeResetMethod(String attribute, String value)
    {
        String text = KernelStrings.chomp(value).strip();
        if (text.equals("default")) {
            return;
        }
        List<String> methods = new ArrayList<>();
        for (String name : text.split("\\s+")) {
            if (name.isEmpty()) {
                continue;
            }
            if (!RESET_METHODS.contains(name)) {
                throw WriteRefused.because(Errno.EINVAL, "unknown reset method " + name);
            }
            methods.add(name);
        }
        if (methods.isEmpty()) {
            tree.writeText(attribute, "");
        }
        else {
            tree.store(attribute, String.join(" ", methods));
        }
    }

    /** A function's {@code remove}: non-zero removes it with its mdevs, VFs and child functions. */
    void storeRemove(String bdf, String value)
    {
        if (number(value) == 0) {
            return;
        }
        pci.remove(bdf);
    }

    /** The bus's {@code drivers_autoprobe}: a leading '0' turns it off, anything else on. */
    void storeDriversAutoprobe(String attribute, String value)
    {
        tree.store(attribute, value.startsWith("0") ? "0" : "1");
    }

    /** The bus's or a function's {@code rescan}: kstrtoul; finds nothing new in a simulated host. */
    void storeRescan(String value)
    {
        number(value);
    }

    private static long number(String value)
    {
        try {
            return KernelStrings.unsigned(value, 0, Long.MAX_VALUE);
        }
        catch (WriteRefused e) {
            throw WriteRefused.because(Errno.EINVAL, "not a number: " + value);
        }
    }
}
