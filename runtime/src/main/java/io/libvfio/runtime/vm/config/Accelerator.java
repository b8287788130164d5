package io.libvfio.runtime.vm.config;

/** How QEMU runs the guest: KVM, TCG emulation, or KVM when it works and TCG with a warning otherwise. */
public enum Accelerator
{
    KVM, TCG, AUTO
}
