package io.libvfio.runtime.vm.config;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What the file adds to the VM's start and stop: raw QEMU arguments ({@code commands}, each entry
 * its own argument list, appended to QEMU's argv as separate entries) and host commands.
 */
public record Hooks(List<List<String>> qemuArguments, List<HookCommand> startup, List<HookCommand> teardown)
{
    public Hooks
    {
        List<List<String>> copies = new ArrayList<>();
        for (List<String> arguments : requireNonNull(qemuArguments, "qemuArguments is null")) {
            copies.add(List.copyOf(arguments));
        }
        qemuArguments = List.copyOf(copies);
        startup = List.copyOf(requireNonNull(startup, "startup is null"));
        teardown = List.copyOf(requireNonNull(teardown, "teardown is null"));
    }

    public static Hooks none()
    {
        return new Hooks(List.of(), List.of(), List.of());
    }
}
