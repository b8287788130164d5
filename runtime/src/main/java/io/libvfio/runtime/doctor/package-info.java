/**
 * {@code libvfio doctor}: small checks, one per concern, each answering with a {@link
 * io.libvfio.runtime.doctor.Check} (pass, warn, fail or unknown, a one-line reason and a
 * concrete fix), and whether the host can give a VM its GPU: at least one free slice, or what a
 * LibVF.IO VM file asks for ({@link io.libvfio.runtime.doctor.VmConfigReader}).
 * <p>
 * Every host file is read through {@link io.libvfio.api.spi.HostFs} under the root; a check that
 * cannot read what it needs says "unknown" with the reason and never stops the others. Two reads
 * go beyond HostFs, through {@link io.libvfio.runtime.doctor.DeviceFiles}: opening {@code /dev/kvm}
 * read-write (on the real root only) and a file's owner and mode (Looking Glass). Tools are run
 * through the runtime's {@link io.libvfio.api.spi.CommandRunner}, and only from under the root.
 */
package io.libvfio.runtime.doctor;
