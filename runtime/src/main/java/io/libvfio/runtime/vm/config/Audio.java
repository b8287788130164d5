package io.libvfio.runtime.vm.config;

/** Guest audio: Scream over IVSHMEM, SPICE audio, or none. */
public enum Audio
{
    SCREAM, SPICE, NONE
}
