package io.libvfio.api;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * Where a VM using a GPU should run: the GPU's NUMA node and local CPUs (pin vCPUs there, take
 * hugepages from that node), its IOMMU group, and the vendor scheduler's share where it has one.
 *
 * @param weight the vendor scheduler weight (GVT-g: 2..16)
 * @param timeSlice the vendor scheduler time slice (GIM sched_interval, SR-IOV exec quantum)
 */
public record ScheduleHint(
        GpuId gpu,
        OptionalInt numaNode,
        CpuList cpus,
        OptionalInt iommuGroup,
        OptionalInt weight,
        Optional<Duration> timeSlice)
{
    public ScheduleHint
    {
        requireNonNull(gpu, "gpu is null");
        requireNonNull(numaNode, "numaNode is null");
        requireNonNull(cpus, "cpus is null");
        requireNonNull(iommuGroup, "iommuGroup is null");
        requireNonNull(weight, "weight is null");
        requireNonNull(timeSlice, "timeSlice is null");
    }

    /** The hint any PCI device gets from its own sysfs attributes, without vendor knowledge. */
    public static ScheduleHint of(PciDevice device)
    {
        return new ScheduleHint(GpuId.of(device.address()), device.numaNode(), device.localCpus(), device.iommuGroup(),
                OptionalInt.empty(), Optional.empty());
    }
}
