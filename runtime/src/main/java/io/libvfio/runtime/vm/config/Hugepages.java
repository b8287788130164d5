package io.libvfio.runtime.vm.config;

/**
 * Whether guest RAM comes from hugepages: {@code AUTO} uses them (on the GPU's NUMA node) when
 * enough are free, {@code ON} requires them, {@code OFF} never uses them.
 */
public enum Hugepages
{
    AUTO, ON, OFF
}
