package io.libvfio.api.spi;

import io.libvfio.api.PciAddress;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Something the host must have for a backend to share its GPUs, and whether it has it now:
 * a kernel parameter ({@code i915.enable_gvt=1}), a module to load ({@code kvmgt}), a module to
 * keep off the GPU ({@code amdgpu}), or a driver only the user can install. {@code libvfio doctor}
 * reports them; {@code libvfio setup} writes the first three kinds into the host's configuration.
 *
 * @param kind what sort of requirement it is
 * @param value the parameter ({@code name=value}), the module name, or the driver's name in words
 * @param devices the GPUs that need it; {@code setup} never blacklists a module that also drives
 *        another GPU, or the host's display
 * @param purpose what needs it, in words ({@code GVT-g on 0000:00:02.0})
 * @param met whether the running host satisfies it
 * @param state what was found, in words a user can act on
 * @param fix what to do when it is not met, when the kind's standard fix is not enough
 */
public record HostRequirement(Kind kind, String value, List<PciAddress> devices, String purpose, boolean met, String state, Optional<String> fix)
{
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(=[A-Za-z0-9_.,:+-]+)?");
    private static final Pattern MODULE = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    /** The kinds of requirement; all but {@link #DRIVER} can be written into the host's configuration. */
    public enum Kind
    {
        /** A kernel command-line parameter, {@code name} or {@code name=value}. */
        KERNEL_PARAMETER,
        /** A module to load at boot ({@code modules-load.d}). */
        LOAD_MODULE,
        /** A module that must not bind the GPU ({@code blacklist} in {@code modprobe.d}). */
        BLACKLIST_MODULE,
        /** A driver or package only the user can install; never automated. */
        DRIVER
    }

    public HostRequirement
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(value, "value is null");
        devices = List.copyOf(requireNonNull(devices, "devices is null"));
        requireNonNull(purpose, "purpose is null");
        requireNonNull(state, "state is null");
        requireNonNull(fix, "fix is null");
        // values end up in boot loader and modprobe files: accept only what those files can hold
        boolean valid = switch (kind) {
            case KERNEL_PARAMETER -> PARAMETER.matcher(value).matches();
            case LOAD_MODULE, BLACKLIST_MODULE -> MODULE.matcher(value).matches();
            case DRIVER -> !value.isBlank() && value.indexOf('\n') < 0;
        };
        if (!valid) {
            throw new IllegalArgumentException("invalid %s requirement '%s'".formatted(kind, value));
        }
    }

    public static HostRequirement kernelParameter(String parameter, List<PciAddress> devices, String purpose, boolean met, String state)
    {
        return new HostRequirement(Kind.KERNEL_PARAMETER, parameter, devices, purpose, met, state, Optional.empty());
    }

    public static HostRequirement loadModule(String module, List<PciAddress> devices, String purpose, boolean met, String state)
    {
        return new HostRequirement(Kind.LOAD_MODULE, module, devices, purpose, met, state, Optional.empty());
    }

    public static HostRequirement blacklistModule(String module, List<PciAddress> devices, String purpose, boolean met, String state)
    {
        return new HostRequirement(Kind.BLACKLIST_MODULE, module, devices, purpose, met, state, Optional.empty());
    }

    public static HostRequirement driver(String driver, List<PciAddress> devices, String purpose, boolean met, String state, String fix)
    {
        return new HostRequirement(Kind.DRIVER, driver, devices, purpose, met, state, Optional.of(fix));
    }
}
