package io.libvfio.backend.nvidia.gvm.profile;

import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * One vGPU type a GVM profile registers with NVIDIA's driver, which then offers it as the mdev
 * type {@code nvidia-<num>} (libvfio-original §7).
 *
 * @param num the vGPU type number: the {@code N} of {@code nvidia-N}
 * @param guestFramebufferMib {@code fbLen}/{@code fb_len}: video memory the guest gets
 * @param reservedFramebufferMib {@code fbRes}/{@code fb_res}: video memory reserved for the host driver per instance
 * @param virtualDeviceId {@code vDevId}: the PCI device and subsystem the guest sees, {@code 0xDDDDSSSS}, when set
 * @param line the line the definition starts on
 */
public record GvmTypeDefinition(
        long num,
        String name,
        String gpuClass,
        long maxInstances,
        long guestFramebufferMib,
        long reservedFramebufferMib,
        long mapVideoSizeMib,
        OptionalLong virtualDeviceId,
        OptionalLong physicalDeviceId,
        boolean ecc,
        boolean multiMdev,
        long encoderCapPercent,
        long bar1Length,
        long heads,
        long maxResolutionX,
        long maxResolutionY,
        long frlConfig,
        boolean frlEnabled,
        int line)
{
    public GvmTypeDefinition
    {
        requireNonNull(name, "name is null");
        requireNonNull(gpuClass, "gpuClass is null");
        requireNonNull(virtualDeviceId, "virtualDeviceId is null");
        requireNonNull(physicalDeviceId, "physicalDeviceId is null");
    }

    /** The mdev type directory the driver shows for it. */
    public String typeId()
    {
        return "nvidia-" + num;
    }

    /** What one instance takes from the GPU: the guest's framebuffer plus the host's reservation. */
    public long framebufferMib()
    {
        return guestFramebufferMib + reservedFramebufferMib;
    }
}
