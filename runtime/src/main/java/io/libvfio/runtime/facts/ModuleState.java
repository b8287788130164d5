package io.libvfio.runtime.facts;

/** Where a kernel module stands on this host. */
public enum ModuleState
{
    /** In {@code /sys/module} with a load state: loaded now. */
    LOADED,
    /** Compiled into the kernel ({@code modules.builtin}, or {@code /sys/module} without a load state). */
    BUILT_IN,
    /** Not loaded, but {@code modules.dep} lists it: {@code modprobe} can load it. */
    LOADABLE,
    /** Neither loaded nor known to this kernel's module lists. */
    MISSING,
    /** Not loaded, and this kernel's module lists are not under the root. */
    UNKNOWN
}
