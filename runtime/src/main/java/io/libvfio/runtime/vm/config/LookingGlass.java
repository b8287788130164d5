package io.libvfio.runtime.vm.config;

/**
 * Looking Glass: whether the VM gets the shared-memory frame buffer (IVSHMEM/kvmfr), and the
 * largest guest resolution it must carry; the start command sizes the shared memory from it.
 */
public record LookingGlass(boolean enabled, int width, int height)
{
    public static final int DEFAULT_WIDTH = 1920;
    public static final int DEFAULT_HEIGHT = 1080;
    public static final int MAX_SIDE = 16384;

    public static LookingGlass defaults()
    {
        return new LookingGlass(false, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** {@code 1920x1080}. */
    public String resolution()
    {
        return width + "x" + height;
    }
}
