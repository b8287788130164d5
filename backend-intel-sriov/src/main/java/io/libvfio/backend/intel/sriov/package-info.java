/**
 * The {@code intel-sriov} backend: SR-IOV VFs of Intel GPUs under the out-of-tree i915
 * ({@code prelim_iov}) and upstream xe (sysfs-spec §4).
 * <p>
 * Reads, besides the runtime's inventory (PCI devices, SR-IOV limits and VFs):
 * <ul>
 * <li>i915: {@code /sys/bus/pci/devices/<PF>/drm/cardN/prelim_iov} (or {@code iov}): {@code mode},
 * {@code pf/gtN/available/{lmem,ggtt}_{max_quota,free}}, {@code pf/gtN/exec_quantum_ms},
 * {@code vfN/gtN/{lmem,ggtt}_quota} ({@link io.libvfio.backend.intel.sriov.I915IovReader});</li>
 * <li>xe: {@code /sys/bus/pci/devices/<PF>/sriov_admin/pf/profile/exec_quantum_ms} and
 * {@code vf1/profile/vram_quota}; VRAM from a device table or the {@code vram-mib} setting
 * ({@link io.libvfio.backend.intel.sriov.XeSriovReader}).</li>
 * </ul>
 * Types are "N equal VFs" profiles with ids {@code vfs-N} ({@link io.libvfio.backend.intel.sriov.VfProfiles}).
 * A VF is enabled, provisioned ({@link io.libvfio.backend.intel.sriov.I915Provisioning},
 * {@link io.libvfio.backend.intel.sriov.XeProvisioning}, defaults and settings in
 * {@link io.libvfio.backend.intel.sriov.VfSettings}), reserved and given back by
 * {@link io.libvfio.backend.intel.sriov.SriovVfLifecycle}. xe's debugfs provisioning files are not used.
 */
package io.libvfio.backend.intel.sriov;
