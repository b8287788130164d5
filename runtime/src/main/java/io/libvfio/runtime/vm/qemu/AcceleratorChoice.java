package io.libvfio.runtime.vm.qemu;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The accelerator a VM runs with ({@code kvm} or {@code tcg}), and the warning when KVM was wanted but cannot be used. */
public record AcceleratorChoice(String accelerator, Optional<String> warning)
{
    public AcceleratorChoice
    {
        requireNonNull(accelerator, "accelerator is null");
        requireNonNull(warning, "warning is null");
    }

    /** True when KVM is tried first ({@code kvm} or {@code kvm:tcg}). */
    public boolean kvm()
    {
        return accelerator.startsWith("kvm");
    }
}
