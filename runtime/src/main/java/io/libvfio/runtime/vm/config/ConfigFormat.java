package io.libvfio.runtime.vm.config;

/** Which of the two VM file formats a configuration was read from. */
public enum ConfigFormat
{
    /** LibVF.IO's {@code arcd} YAML (NimYAML header, {@code !n!custom:Config}, {@code gpus} as lists of one-key maps). */
    LIBVFIO,
    /** libvfio's own YAML, marked by {@code libvfio: 1} (see {@code libvfio config schema}). */
    NATIVE
}
