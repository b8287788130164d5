/**
 * The {@code amd-gim} backend: AMD MxGPU, the SR-IOV VFs that GIM creates on FirePro S7150,
 * Instinct MI and Radeon PRO V cards (sysfs-spec §6).
 * <p>
 * Reads, besides the runtime's inventory (PCI devices, drivers, SR-IOV VFs): GIM's settings from
 * {@code /sys/module/gim/parameters/*} and {@code /etc/gim_config}, resolved as GIM resolves them
 * ({@link io.libvfio.backend.amd.gim.GimSettingsReader}). VRAM and type names come from a card
 * table ({@link io.libvfio.backend.amd.gim.MxgpuCard}).
 * <p>
 * One type per GPU, id {@code <name>-<framebuffer>M} and name {@code S7150}/{@code MI300X}/...
 * ({@link io.libvfio.backend.amd.gim.GimVfType}). GIM's binary {@code /sys/bus/pci/drivers/gim/sriov}
 * interface and the {@code gpuvf} file LibVF.IO parsed are not used. A VF is handed out by setting
 * its {@code driver_override} to {@code vfio-pci} and given back by clearing it
 * ({@link io.libvfio.backend.amd.gim.GimVfs}); GIM itself is never written.
 */
package io.libvfio.backend.amd.gim;
