package io.libvfio.runtime.kernel;

import io.libvfio.api.HostInventory;
import io.libvfio.api.spi.HostFs;

/**
 * The kernel the host contract runs against: the real one of the test bed's guest, or the fake
 * kernel over a tree built to look like that guest.
 */
interface KernelUnderTest
{
    /** The host access libvfio uses on this kernel, for reads and writes. */
    HostFs fs();

    /** What a new runtime's discovery finds now (nothing remembered between calls). */
    HostInventory inventory();

    /**
     * The {@code VFIO_GROUP_FLAGS_VIABLE} bit of {@code VFIO_GROUP_GET_STATUS} on
     * {@code /dev/vfio/<group>}.
     *
     * @throws IllegalStateException when the group node cannot be opened
     */
    boolean vfioGroupViable(int group);
}
