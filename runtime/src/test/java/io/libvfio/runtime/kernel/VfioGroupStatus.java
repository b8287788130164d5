package io.libvfio.runtime.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Asks the real kernel whether a VFIO group is viable: opens {@code /dev/vfio/<group>} and
 * issues {@code VFIO_GROUP_GET_STATUS} (linux/vfio.h), through JNA.
 */
final class VfioGroupStatus
{
    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    /** {@code _IO(VFIO_TYPE ';', VFIO_BASE 100 + 3)}. */
    private static final long VFIO_GROUP_GET_STATUS = (';' << 8) | (100 + 3);
    private static final int VFIO_GROUP_FLAGS_VIABLE = 1;

    interface CLibrary
            extends Library
    {
        int open(String path, int flags) throws LastErrorException;

        /** {@code struct vfio_group_status { __u32 argsz; __u32 flags; }} as two ints. */
        int ioctl(int fd, long request, int[] status) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private VfioGroupStatus()
    {
    }

    static boolean viable(String node)
    {
        CLibrary libc = Native.load("c", CLibrary.class);
        int fd;
        try {
            fd = libc.open(node, O_RDWR | O_CLOEXEC);
        }
        catch (LastErrorException e) {
            throw new IllegalStateException("cannot open " + node + ": errno " + e.getErrorCode(), e);
        }
        try {
            int[] status = {8, 0};
            libc.ioctl(fd, VFIO_GROUP_GET_STATUS, status);
            return (status[1] & VFIO_GROUP_FLAGS_VIABLE) != 0;
        }
        catch (LastErrorException e) {
            throw new IllegalStateException("VFIO_GROUP_GET_STATUS on " + node + ": errno " + e.getErrorCode(), e);
        }
        finally {
            libc.close(fd);
        }
    }
}
