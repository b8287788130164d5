package io.libvfio.runtime.vm.qemu;

import io.libvfio.api.Resolution;

/**
 * The size of the Looking Glass shared memory (IVSHMEM or kvmfr) for a resolution, by the
 * formula in Looking Glass's documentation: width x height x bytes per pixel x 2 (two frames),
 * in MiB, plus 10 MiB, rounded up to a power of two. 1920x1080 SDR gives 32 MiB; 3840x2160 SDR
 * 128 MiB; HDR (8 bytes a pixel) doubles the frame part.
 */
public final class LookingGlassMemory
{
    private static final long MIB = 1024 * 1024;

    private LookingGlassMemory()
    {
    }

    public static long sizeMib(Resolution resolution, boolean hdr)
    {
        long bytesPerPixel = hdr ? 8 : 4;
        long frames = (long) resolution.width() * resolution.height() * bytesPerPixel * 2;
        long mib = (frames + MIB - 1) / MIB + 10;
        long size = 1;
        while (size < mib) {
            size <<= 1;
        }
        return size;
    }
}
