package io.libvfio.backend.intel.sriov;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * What the PF driver (i915 {@code prelim_iov} or xe {@code sriov_admin}) says about the resources
 * its VFs share.
 *
 * @param blocker why VFs cannot be used now, in words a user can act on; empty when they can
 * @param totalMib the memory the VFs of one profile divide, in MiB (0 when unknown)
 * @param vfQuotaMib what VF 1 is provisioned with now, when it is
 * @param execQuantumMs the PF's execution quantum, when set (0 = unlimited is empty)
 * @param properties vendor facts for the GPU view
 */
record PfState(Optional<String> blocker, MemoryKind memory, long totalMib, OptionalLong vfQuotaMib, OptionalInt execQuantumMs,
        Map<String, String> properties)
{
    PfState
    {
        requireNonNull(blocker, "blocker is null");
        requireNonNull(memory, "memory is null");
        requireNonNull(vfQuotaMib, "vfQuotaMib is null");
        requireNonNull(execQuantumMs, "execQuantumMs is null");
        properties = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(properties, "properties is null")));
    }

    static PfState blocked(String reason, Map<String, String> properties)
    {
        return new PfState(Optional.of(reason), MemoryKind.UNKNOWN, 0, OptionalLong.empty(), OptionalInt.empty(), properties);
    }
}
