package io.libvfio.runtime.vm.config;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A host command run before QEMU starts ({@code startupCommands}) or after the VM is cleaned up
 * ({@code teardownCommands}): an argument vector, never a shell line. {@code asRoot} is
 * LibVF.IO's {@code is_root}; {@code background} means "start it and do not wait" (LibVF.IO
 * files wrote a trailing {@code &} argument for this, which the loader turns into this flag).
 */
public record HookCommand(List<String> argv, boolean asRoot, boolean background)
{
    public HookCommand
    {
        argv = List.copyOf(requireNonNull(argv, "argv is null"));
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
    }
}
