package io.libvfio.runtime.doctor;

import io.libvfio.api.HugePages;
import io.libvfio.api.NumaNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Free hugepages per NUMA node, from discovery's {@code hugepages-<size>kB/{nr,free}_hugepages}.
 * VMs run without them, but their memory is then backed by 4 KiB pages.
 */
final class HugePagesCheck
        implements DoctorCheck
{
    @Override
    public String id()
    {
        return "hugepages";
    }

    @Override
    public String title()
    {
        return "Hugepages";
    }

    @Override
    public List<Check> run(DoctorHost host)
    {
        List<NumaNode> nodes = host.runtime().inventory().numaNodes();
        if (nodes.isEmpty()) {
            return List.of(Check.unknown(id(), title(), "no NUMA node under /sys/devices/system/node: cannot see the hugepages"));
        }
        List<Check> checks = new ArrayList<>();
        for (NumaNode node : nodes) {
            checks.add(check(node));
        }
        return checks;
    }

    private Check check(NumaNode node)
    {
        String id = id() + ".node" + node.id();
        String title = "Hugepages on NUMA node " + node.id();
        String sysfs = "/sys/devices/system/node/node%d/hugepages".formatted(node.id());
        String fix = ("reserve some, e.g. echo 4096 > %s/hugepages-2048kB/nr_hugepages (8 GiB now),"
                + " or hugepagesz=1G hugepages=N on the kernel command line (at boot)").formatted(sysfs);
        List<String> sizes = new ArrayList<>();
        long reserved = 0;
        long free = 0;
        for (HugePages pages : node.hugePages()) {
            if (pages.total() == 0) {
                continue;
            }
            reserved += pages.total();
            free += pages.free();
            sizes.add("%d of %d %s pages free".formatted(pages.free(), pages.total(), size(pages.pageSizeKib())));
        }
        if (reserved == 0) {
            return Check.warn(id, title, "none reserved: VM memory comes from ordinary 4 KiB pages (works, slower)", fix);
        }
        String found = String.join(", ", sizes) + " (%s free)".formatted(bytes(node.freeHugePagesKib()));
        if (free == 0) {
            return Check.warn(id, title, found + ": every reserved page is in use", fix);
        }
        return Check.pass(id, title, found);
    }

    private static String size(long kib)
    {
        return kib >= 1024 * 1024 ? (kib / (1024 * 1024)) + " GiB" : kib >= 1024 ? (kib / 1024) + " MiB" : kib + " KiB";
    }

    private static String bytes(long kib)
    {
        if (kib >= 1024 * 1024) {
            return (kib / (1024 * 1024)) + " GiB";
        }
        return (kib / 1024) + " MiB";
    }
}
