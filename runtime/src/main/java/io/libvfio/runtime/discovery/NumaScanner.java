package io.libvfio.runtime.discovery;

import io.libvfio.api.CpuList;
import io.libvfio.api.HugePages;
import io.libvfio.api.NumaNode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads {@code /sys/devices/system/node/nodeN}: CPUs, MemTotal and per-node hugepages. */
final class NumaScanner
{
    static final String NODES = "/sys/devices/system/node";

    private final HostFs fs;

    NumaScanner(HostFs fs)
    {
        this.fs = fs;
    }

    List<NumaNode> scan(List<String> warnings)
    {
        List<NumaNode> nodes = new ArrayList<>();
        for (String name : fs.list(NODES)) {
            int id = nodeNumber(name);
            if (id < 0) {
                continue;
            }
            try {
                nodes.add(read(id, NODES + "/" + name));
            }
            catch (VfioException e) {
                warnings.add("NUMA " + name + " skipped: " + e.getMessage());
            }
        }
        nodes.sort(new Comparator<NumaNode>()
        {
            @Override
            public int compare(NumaNode first, NumaNode second)
            {
                return Integer.compare(first.id(), second.id());
            }
        });
        return nodes;
    }

    /** N of {@code nodeN} (1 to 5 digits), or -1 for any other name; by hand, as a regex is slow to start. */
    private static int nodeNumber(String name)
    {
        if (name.length() < 5 || name.length() > 9 || !name.startsWith("node")) {
            return -1;
        }
        int number = 0;
        for (int index = 4; index < name.length(); index++) {
            char character = name.charAt(index);
            if (character < '0' || character > '9') {
                return -1;
            }
            number = number * 10 + (character - '0');
        }
        return number;
    }

    private NumaNode read(int id, String dir)
    {
        Optional<String> cpulist = fs.read(dir + "/cpulist");
        CpuList cpus = cpulist.isPresent() ? AttributeParser.cpuList(dir + "/cpulist", cpulist.get()) : CpuList.empty();
        List<HugePages> hugePages = new ArrayList<>();
        for (String size : fs.list(dir + "/hugepages")) {
            if (!size.startsWith("hugepages-") || !size.endsWith("kB")) {
                continue;
            }
            String sizeDir = dir + "/hugepages/" + size;
            long pageKib = AttributeParser.decimalLong(sizeDir, size.substring("hugepages-".length(), size.length() - 2));
            hugePages.add(new HugePages(pageKib,
                    AttributeParser.decimalLong(sizeDir + "/nr_hugepages", fs.readRequired(sizeDir + "/nr_hugepages")),
                    AttributeParser.decimalLong(sizeDir + "/free_hugepages", fs.readRequired(sizeDir + "/free_hugepages"))));
        }
        if (hugePages.size() > 1) {
            hugePages.sort(new Comparator<HugePages>()
            {
                @Override
                public int compare(HugePages first, HugePages second)
                {
                    return Long.compare(first.pageSizeKib(), second.pageSizeKib());
                }
            });
        }
        return new NumaNode(id, cpus, memTotal(dir + "/meminfo"), hugePages);
    }

    private OptionalLong memTotal(String path)
    {
        Optional<String> meminfo = fs.read(path);
        for (String line : meminfo.isPresent() ? meminfo.get().split("\n") : new String[0]) {
            int at = line.indexOf("MemTotal:");
            if (at >= 0) {
                String value = line.substring(at + "MemTotal:".length()).strip();
                if (value.endsWith(" kB")) {
                    return OptionalLong.of(AttributeParser.decimalLong(path, value.substring(0, value.length() - 3).strip()));
                }
                throw AttributeParser.malformed(path, line, "'Node N MemTotal: <n> kB'");
            }
        }
        return OptionalLong.empty();
    }
}
