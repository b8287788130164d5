package io.libvfio.testkit;

import io.libvfio.api.PciAddress;

import java.util.ArrayList;
import java.util.List;

/**
 * What a simulated PCI function looks like. Fluent setters; defaults are those of an unbound
 * device on an IOMMU-less, NUMA-less host ({@code numa_node -1}, {@code driver_override (null)}).
 */
public final class PciFunctionSpec
{
    final PciAddress address;
    int vendor;
    int device;
    int subsystemVendor;
    int subsystemDevice;
    int classCode;
    int revision;
    String driver;
    int numaNode = -1;
    String localCpus = "0-3";
    Integer iommuGroup;
    boolean bootVga;
    String driverOverride;
    PciAddress bridge;
    // bridges only: the bus behind the bridge; the next bus number when unset
    Integer secondaryBus;
    // SR-IOV PF
    int totalVfs = -1;
    int vfOffset = 4;
    int vfStride = 1;
    int vfDevice;
    final List<String> extraFiles = new ArrayList<>();
    final List<String> extraValues = new ArrayList<>();

    PciFunctionSpec(PciAddress address)
    {
        this.address = address;
    }

    public PciAddress address()
    {
        return address;
    }

    public PciFunctionSpec ids(int vendor, int device)
    {
        this.vendor = vendor;
        this.device = device;
        return this;
    }

    public PciFunctionSpec subsystem(int vendor, int device)
    {
        this.subsystemVendor = vendor;
        this.subsystemDevice = device;
        return this;
    }

    public PciFunctionSpec classCode(int classCode)
    {
        this.classCode = classCode;
        return this;
    }

    public PciFunctionSpec revision(int revision)
    {
        this.revision = revision;
        return this;
    }

    public PciFunctionSpec driver(String driver)
    {
        this.driver = driver;
        return this;
    }

    public PciFunctionSpec numaNode(int numaNode)
    {
        this.numaNode = numaNode;
        return this;
    }

    public PciFunctionSpec localCpus(String cpulist)
    {
        this.localCpus = cpulist;
        return this;
    }

    public PciFunctionSpec iommuGroup(int group)
    {
        this.iommuGroup = group;
        return this;
    }

    public PciFunctionSpec bootVga(boolean bootVga)
    {
        this.bootVga = bootVga;
        return this;
    }

    public PciFunctionSpec driverOverride(String driverOverride)
    {
        this.driverOverride = driverOverride;
        return this;
    }

    /** Places the function below a PCI bridge (root port) in the device tree. */
    public PciFunctionSpec behind(PciAddress bridge)
    {
        this.bridge = bridge;
        return this;
    }

    /** For a bridge: the number of the bus behind it (default: the bridge's bus + 1). */
    public PciFunctionSpec secondaryBus(int bus)
    {
        this.secondaryBus = bus;
        return this;
    }

    int secondaryBusNumber()
    {
        return secondaryBus != null ? secondaryBus : address.bus() + 1;
    }

    /** Makes the function an SR-IOV PF with {@code totalVfs}, VFs reporting {@code vfDevice}. */
    public PciFunctionSpec sriov(int totalVfs, int offset, int stride, int vfDevice)
    {
        this.totalVfs = totalVfs;
        this.vfOffset = offset;
        this.vfStride = stride;
        this.vfDevice = vfDevice;
        return this;
    }

    /** An extra attribute (relative to the device directory), written with a trailing newline. */
    public PciFunctionSpec attribute(String relativePath, String value)
    {
        extraFiles.add(relativePath);
        extraValues.add(value);
        return this;
    }

    boolean isVga()
    {
        return (classCode >> 8) == 0x0300;
    }

    boolean isBridge()
    {
        return (classCode >> 8) == 0x0604;
    }
}
