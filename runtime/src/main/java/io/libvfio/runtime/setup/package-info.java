/**
 * {@code libvfio setup}: works out what the host's configuration must say for VMs with GPU slices
 * ({@link io.libvfio.runtime.setup.SetupPlanner}), shows it as unified diffs, and with
 * {@code --apply} writes it ({@link io.libvfio.runtime.setup.AtomicFileWriter}): kernel parameters
 * in the boot loader's configuration (GRUB, systemd-boot's {@code /etc/kernel/cmdline} or loader
 * entries, Pop!_OS's kernelstub), {@code modules-load.d} and {@code modprobe.d} files, and a
 * tmpfiles rule for the Looking Glass shared memory. Everything is read and written under the
 * root; nothing is ever installed or removed, no program is run, and no module that drives the
 * host's display is blacklisted. Running it twice changes nothing the second time.
 */
package io.libvfio.runtime.setup;
