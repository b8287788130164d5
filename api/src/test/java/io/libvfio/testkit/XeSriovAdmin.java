package io.libvfio.testkit;

import io.libvfio.api.PciAddress;

/**
 * The {@code sriov_admin/} tree of upstream {@code xe} in PF mode (spec §4.4, 6.19+, with the
 * 7.0 {@code vram_quota} on discrete parts): defaults everywhere, no VF enabled yet.
 */
public final class XeSriovAdmin
{
    private XeSriovAdmin()
    {
    }

    public static void write(SimulatedHost host, PciAddress pf, int totalVfs, boolean discrete)
    {
        String device = host.relativeDevice(pf);
        String admin = device + "/sriov_admin";
        for (String file : new String[] {"exec_quantum_ms", "preempt_timeout_us", "sched_priority"}) {
            host.writeText(admin + "/.bulk_profile/" + file, "");
        }
        if (discrete) {
            host.writeText(admin + "/.bulk_profile/vram_quota", "");
        }
        host.symlink(admin + "/pf/device", device);
        host.writeAttribute(admin + "/pf/profile/exec_quantum_ms", "0");
        host.writeAttribute(admin + "/pf/profile/preempt_timeout_us", "0");
        host.writeAttribute(admin + "/pf/profile/sched_priority", "[low] normal high");
        for (int vf = 1; vf <= totalVfs; vf++) {
            String dir = admin + "/vf" + vf;
            host.writeText(dir + "/stop", "");
            host.writeAttribute(dir + "/profile/exec_quantum_ms", "0");
            host.writeAttribute(dir + "/profile/preempt_timeout_us", "0");
            host.writeAttribute(dir + "/profile/sched_priority", "[low] normal");
            if (discrete) {
                host.writeAttribute(dir + "/profile/vram_quota", "0");
            }
        }
    }
}
