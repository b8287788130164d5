package io.libvfio.runtime.vm.config;

/** The guest's CPUs: {@code sockets x cores x threads} virtual CPUs. */
public record CpuTopology(int sockets, int cores, int threads)
{
    public static final int MAX_VCPUS = 1024;

    public static CpuTopology defaults()
    {
        return new CpuTopology(1, 4, 1);
    }

    public int vcpus()
    {
        return sockets * cores * threads;
    }
}
