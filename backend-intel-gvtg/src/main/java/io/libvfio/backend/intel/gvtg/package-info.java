/**
 * The {@code intel-gvtg} backend: Intel GVT-g mdev vGPUs of Broadwell to Comet Lake iGPUs
 * (sysfs-spec §3).
 * <p>
 * Reads, besides the runtime's inventory (PCI devices, mdev parents and types): the GVT-g types'
 * {@code description} ({@link io.libvfio.backend.intel.gvtg.GvtgDescription}),
 * {@code /sys/module/i915/parameters/enable_gvt} and {@code enable_guc}, and whether
 * {@code /sys/module/kvmgt} exists ({@link io.libvfio.backend.intel.gvtg.GvtgModules}).
 * Platforms come from a device-id table ({@link io.libvfio.backend.intel.gvtg.IntelPlatform}).
 * <p>
 * Type ids are the mdev type directories ({@code i915-GVTg_V5_4}); framebuffer = low_gm + high_gm
 * ({@link io.libvfio.backend.intel.gvtg.GvtgTypeCollector}). Type weights stay type properties, so
 * schedule hints carry none. vGPUs are created and removed as mdevs
 * ({@link io.libvfio.backend.intel.gvtg.GvtgMdevs}).
 */
package io.libvfio.backend.intel.gvtg;
