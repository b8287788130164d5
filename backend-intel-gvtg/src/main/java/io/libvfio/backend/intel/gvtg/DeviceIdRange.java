package io.libvfio.backend.intel.gvtg;

/** An inclusive range of PCI device ids. */
record DeviceIdRange(int first, int last)
{
    DeviceIdRange
    {
        if (first < 0 || last < first || last > 0xffff) {
            throw new IllegalArgumentException("bad device id range %04x-%04x".formatted(first, last));
        }
    }

    static DeviceIdRange of(int first, int last)
    {
        return new DeviceIdRange(first, last);
    }

    static DeviceIdRange one(int id)
    {
        return new DeviceIdRange(id, id);
    }

    boolean contains(int deviceId)
    {
        return deviceId >= first && deviceId <= last;
    }
}
