package io.libvfio.testkit;

import io.libvfio.api.PciAddress;

/**
 * The {@code prelim_iov/} tree of the out-of-tree i915 in SR-IOV PF mode (spec §4.1), as
 * Intel's backports for Flex/Max lay it out: {@code pf/} and {@code vf1..vfN/} siblings under
 * the DRM card, one {@code gt<N>} directory per GT, every VF unprovisioned (all quotas 0), and
 * the {@code iov -> prelim_iov} link.
 */
public final class IntelPrelimIov
{
    /** What the PF's GT has: {@code available/*} values (free = max quota: nothing provisioned) and spares. */
    public record GtResources(long ggttMax, long lmemMax, int contextsMax, int doorbellsMax,
            long ggttSpare, long lmemSpare, int contextsSpare, int doorbellsSpare)
    {
    }

    private static final String[] THRESHOLDS = {
            "cat_error_count", "engine_reset_count", "page_fault_count", "h2g_time_us", "irq_time_us", "doorbell_time_us"};

    private IntelPrelimIov()
    {
    }

    /**
     * Writes {@code <card>/prelim_iov/} for a PF with {@code totalVfs} VF slots.
     *
     * @param card the root-relative DRM card directory ({@link SimulatedHost#drmCard})
     * @param gt the GT directory name: {@code gt0} (multi-GT layout) or {@code gt}
     */
    public static void write(SimulatedHost host, PciAddress pf, String card, String gt, int totalVfs, GtResources resources)
    {
        String iov = card + "/prelim_iov";
        host.writeAttribute(iov + "/mode", "SR-IOV PF");
        host.writeAttribute(iov + "/pf/auto_provisioning", "1");
        host.symlink(iov + "/pf/device", host.relativeDevice(pf));
        String pfGt = iov + "/pf/" + gt;
        host.writeAttribute(pfGt + "/exec_quantum_ms", "0");
        host.writeAttribute(pfGt + "/preempt_timeout_us", "0");
        host.writeAttribute(pfGt + "/sched_priority", "0");
        host.writeAttribute(pfGt + "/ggtt_spare", Long.toString(resources.ggttSpare()));
        host.writeAttribute(pfGt + "/lmem_spare", Long.toString(resources.lmemSpare()));
        host.writeAttribute(pfGt + "/contexts_spare", Integer.toString(resources.contextsSpare()));
        host.writeAttribute(pfGt + "/doorbells_spare", Integer.toString(resources.doorbellsSpare()));
        host.writeAttribute(pfGt + "/available/ggtt_free", Long.toString(resources.ggttMax()));
        host.writeAttribute(pfGt + "/available/ggtt_max_quota", Long.toString(resources.ggttMax()));
        host.writeAttribute(pfGt + "/available/lmem_free", Long.toString(resources.lmemMax()));
        host.writeAttribute(pfGt + "/available/lmem_max_quota", Long.toString(resources.lmemMax()));
        host.writeAttribute(pfGt + "/available/contexts_free", Integer.toString(resources.contextsMax()));
        host.writeAttribute(pfGt + "/available/contexts_max_quota", Integer.toString(resources.contextsMax()));
        host.writeAttribute(pfGt + "/available/doorbells_free", Integer.toString(resources.doorbellsMax()));
        host.writeAttribute(pfGt + "/available/doorbells_max_quota", Integer.toString(resources.doorbellsMax()));
        host.writeAttribute(pfGt + "/policies/sched_if_idle", "0");
        host.writeAttribute(pfGt + "/policies/engine_reset", "0");
        host.writeAttribute(pfGt + "/policies/sample_period_ms", "0");
        for (int vf = 1; vf <= totalVfs; vf++) {
            String dir = iov + "/vf" + vf;
            host.writeAttribute(dir + "/id", Integer.toString(vf));
            host.writeText(dir + "/control", "");
            String vfGt = dir + "/" + gt;
            for (String quota : new String[] {"exec_quantum_ms", "preempt_timeout_us", "ggtt_quota", "lmem_quota", "contexts_quota", "doorbells_quota"}) {
                host.writeAttribute(vfGt + "/" + quota, "0");
            }
            for (String threshold : THRESHOLDS) {
                host.writeAttribute(vfGt + "/threshold/" + threshold, "0");
            }
        }
        host.symlink(card + "/iov", iov);
    }
}
