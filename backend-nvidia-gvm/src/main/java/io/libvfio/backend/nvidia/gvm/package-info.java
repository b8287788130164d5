/**
 * The {@code nvidia-gvm} backend: NVIDIA vGPU through mdev types and through the vGPU 17+
 * vendor-VFIO VFs (sysfs-spec §5).
 * <p>
 * Reads, besides the runtime's inventory (PCI devices, SR-IOV VFs, mdev parents and types):
 * <ul>
 * <li>{@code /sys/module/nvidia_vgpu_vfio}: whether the vGPU host driver is loaded (wording only);</li>
 * <li>each mdev type's {@code description}, as the runtime read it ({@link io.libvfio.backend.nvidia.gvm.MdevDescription});</li>
 * <li>{@code /sys/bus/pci/devices/<VF>/nvidia/creatable_vgpu_types} and {@code current_vgpu_type}
 * of the VFs of PFs bound to {@code nvidia} ({@link io.libvfio.backend.nvidia.gvm.CreatableVgpuTypes}).</li>
 * </ul>
 * Type ids: the mdev type directory ({@code nvidia-257}) or the vendor-VFIO numeric id ({@code 1148}).
 * Framebuffer: {@code framebuffer=<n>M} of the mdev description; for vendor VFIO, the size in the
 * profile name ({@link io.libvfio.backend.nvidia.gvm.VgpuProfileName}). MIG is not read.
 * <p>
 * Writes: a UUID to an mdev type's {@code create} and {@code 1} to an mdev's {@code remove}
 * ({@link io.libvfio.backend.nvidia.gvm.MdevLifecycle}); a type id, and 0 to clear it, to a VF's
 * {@code nvidia/current_vgpu_type} ({@link io.libvfio.backend.nvidia.gvm.VendorVfioLifecycle}).
 */
package io.libvfio.backend.nvidia.gvm;
