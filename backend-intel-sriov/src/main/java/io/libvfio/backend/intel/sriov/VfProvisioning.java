package io.libvfio.backend.intel.sriov;

import java.util.List;
import java.util.Optional;

/**
 * How a PF driver gives one VF its share (sysfs-spec §4): the writes that provision VF
 * {@code vf} (1-based) of an N-way split, and the writes that release it again.
 */
interface VfProvisioning
{
    /** The writes that give VF {@code vf} its quotas, in order; none already holding the value. */
    List<QuotaWrite> provision(int vf, int vfs);

    /** The writes that return VF {@code vf}'s quotas to 0, in order. */
    List<QuotaWrite> release(int vf);

    /** i915's {@code pf/auto_provisioning}, when the driver has one. */
    default Optional<String> autoProvisioning()
    {
        return Optional.empty();
    }
}
