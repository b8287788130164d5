package io.libvfio.runtime.vgpu;

import io.libvfio.runtime.plan.Plan;

import static java.util.Objects.requireNonNull;

/**
 * What {@code create --vram} did: the plan that chose the type and GPU (taken under the host
 * lock, with the create), and the change it made.
 */
public record PlannedChange(Plan plan, VgpuChange change)
{
    public PlannedChange
    {
        requireNonNull(plan, "plan is null");
        requireNonNull(change, "change is null");
    }
}
