package io.libvfio.runtime.setup;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What setup found and would do.
 *
 * @param bootLoaders the boot loader configurations found under the root ({@code GRUB (/etc/default/grub)})
 * @param kernelParameters the parameters the kernel command line must have
 * @param changes the files to write, each a whole new content; empty when the host is set up
 * @param skipped what setup leaves alone, and why (a module the display uses, a rule that exists)
 * @param manual steps only the user can take (install a driver, add parameters to an unknown boot loader)
 * @param followUp commands to run after writing, such as {@code update-grub}; setup never runs them
 */
public record SetupPlan(List<String> bootLoaders, List<String> kernelParameters, List<FileChange> changes, List<String> skipped,
        List<String> manual, List<String> followUp)
{
    public SetupPlan
    {
        bootLoaders = List.copyOf(requireNonNull(bootLoaders, "bootLoaders is null"));
        kernelParameters = List.copyOf(requireNonNull(kernelParameters, "kernelParameters is null"));
        changes = List.copyOf(requireNonNull(changes, "changes is null"));
        skipped = List.copyOf(requireNonNull(skipped, "skipped is null"));
        manual = List.copyOf(requireNonNull(manual, "manual is null"));
        followUp = List.copyOf(requireNonNull(followUp, "followUp is null"));
    }

    public boolean isEmpty()
    {
        return changes.isEmpty();
    }
}
