package io.libvfio.runtime.setup;


import java.util.List;

/**
 * Where a boot loader keeps the kernel command line, and how setup adds parameters to it.
 */
interface BootLoader
{
    /** {@code GRUB (/etc/default/grub)}. */
    String describe();

    /** Whether this boot loader's configuration is under the root. */
    boolean present(ConfigFiles fs);

    /** The files to change so that the command line has every one of {@code parameters}; empty when it has. */
    List<FileChange> changes(ConfigFiles fs, List<String> parameters);

    /** What to run afterwards so the next boot uses the new command line. */
    List<String> followUp(ConfigFiles fs);
}
