/**
 * VM files: the {@link io.libvfio.runtime.vm.config.VmConfig} model (immutable, defaulted,
 * validated, with the source position of every setting) and its loader, which reads LibVF.IO's
 * {@code arcd} YAML unchanged and libvfio's native format ({@code libvfio: 1}), safely and with
 * {@code FILE:LINE:COLUMN} errors.
 */
package io.libvfio.runtime.vm.config;
