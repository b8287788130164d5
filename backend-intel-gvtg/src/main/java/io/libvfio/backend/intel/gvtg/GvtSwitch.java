package io.libvfio.backend.intel.gvtg;

/** The state of {@code i915.enable_gvt} (sysfs-spec §3: a bool parameter, mode 0400). */
enum GvtSwitch
{
    /** {@code Y}: GVT-g was enabled at boot. */
    ON,
    /** {@code N}: GVT-g is disabled by kernel parameters. */
    OFF,
    /** No such parameter: this i915 was built without CONFIG_DRM_I915_GVT. */
    NOT_BUILT,
    /** The parameter exists but could not be read or understood. */
    UNKNOWN
}
