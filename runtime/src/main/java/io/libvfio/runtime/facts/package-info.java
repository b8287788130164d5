/**
 * Facts about the host that {@code doctor} and {@code setup} share, read through
 * {@link io.libvfio.api.spi.HostFs} under the root: the CPU's flags ({@code /proc/cpuinfo}), the
 * kernel command line ({@code /proc/cmdline}) and the kernel's modules ({@code /sys/module},
 * {@code /lib/modules/<release>/modules.dep} and {@code modules.builtin}).
 */
package io.libvfio.runtime.facts;
