package io.libvfio.runtime.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.libvfio.api.CpuList;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

/**
 * Pins a thread of this machine (a QEMU vCPU thread) to a set of CPUs with libc
 * {@code sched_setaffinity}, as {@code taskset -p} would, without starting a program.
 */
public final class CpuAffinity
{
    interface CLibrary
            extends Library
    {
        int sched_setaffinity(int pid, long size, long[] mask) throws LastErrorException;
    }

    private static final class Holder
    {
        private static final CLibrary LIBC = load();

        private static CLibrary load()
        {
            try {
                return Native.load("c", CLibrary.class);
            }
            catch (UnsatisfiedLinkError e) {
                return null;
            }
        }
    }

    public void pin(long thread, CpuList cpus)
    {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("no CPUs to pin to");
        }
        int highest = cpus.cpus().get(cpus.size() - 1);
        long[] mask = new long[highest / 64 + 1];
        for (int cpu : cpus.cpus()) {
            mask[cpu / 64] |= 1L << (cpu % 64);
        }
        CLibrary libc = Holder.LIBC;
        if (libc == null) {
            throw new VfioException(StandardErrorCode.OPERATION_UNSUPPORTED, "cannot pin thread " + thread + ": libc not loadable through JNA");
        }
        try {
            libc.sched_setaffinity(Math.toIntExact(thread), mask.length * 8L, mask);
        }
        catch (LastErrorException e) {
            throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "cannot pin thread " + thread + " to CPUs " + cpus + ": errno " + e.getErrorCode(), e);
        }
    }
}
