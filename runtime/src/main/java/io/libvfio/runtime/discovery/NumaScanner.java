package io.libvfio.runtime.discovery;

import io.libvfio.api.CpuList;
import io.libvfio.api.HugePages;
import io.libvfio.api.NumaNode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
            if (!name.matches("node[0-9]{1,5}")) {
                continue;
            }
            try {
                nodes.add(read(Integer.parseInt(name.substring(4)), NODES + "/" + name));
            }
            catch (VfioException e) {
                warnings.add("NUMA %s skipped: %s".formatted(name, e.getMessage()));
            }
        }
        nodes.sort(Comparator.comparingInt(NumaNode::id));
        return nodes;
    }

    private NumaNode read(int id, String dir)
    {
        CpuList cpus = fs.read(dir + "/cpulist").map(value -> AttributeParser.cpuList(dir + "/cpulist", value)).orElse(CpuList.empty());
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
        hugePages.sort(Comparator.comparingLong(HugePages::pageSizeKib));
        return new NumaNode(id, cpus, memTotal(dir + "/meminfo"), hugePages);
    }

    private OptionalLong memTotal(String path)
    {
        for (String line : fs.read(path).orElse("").split("\n")) {
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
