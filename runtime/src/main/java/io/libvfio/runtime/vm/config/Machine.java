package io.libvfio.runtime.vm.config;

import static java.util.Objects.requireNonNull;

/**
 * The virtual machine itself: RAM in MiB, CPUs, accelerator, firmware, hugepages, and whether the
 * guest is told it runs under a hypervisor ({@code hideHypervisor}, LibVF.IO's
 * {@code showhypervisor: false}, for software that refuses VMs).
 */
public record Machine(int memoryMib, CpuTopology cpus, Accelerator accelerator, Firmware firmware, Hugepages hugepages, boolean hideHypervisor)
{
    public static final int DEFAULT_MEMORY_MIB = 8192;
    public static final int MIN_MEMORY_MIB = 64;
    public static final int MAX_MEMORY_MIB = 16 * 1024 * 1024;

    public Machine
    {
        requireNonNull(cpus, "cpus is null");
        requireNonNull(accelerator, "accelerator is null");
        requireNonNull(firmware, "firmware is null");
        requireNonNull(hugepages, "hugepages is null");
    }

    public static Machine defaults()
    {
        return new Machine(DEFAULT_MEMORY_MIB, CpuTopology.defaults(), Accelerator.AUTO, Firmware.defaults(), Hugepages.AUTO, false);
    }
}
