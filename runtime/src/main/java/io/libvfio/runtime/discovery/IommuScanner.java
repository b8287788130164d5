package io.libvfio.runtime.discovery;

import io.libvfio.api.IommuGroup;
import io.libvfio.api.PciAddress;
import io.libvfio.api.spi.HostFs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads {@code /sys/kernel/iommu_groups/N/devices}. */
final class IommuScanner
{
    static final String GROUPS = "/sys/kernel/iommu_groups";

    private final HostFs fs;

    IommuScanner(HostFs fs)
    {
        this.fs = fs;
    }

    List<IommuGroup> scan(List<String> warnings)
    {
        List<IommuGroup> groups = new ArrayList<>();
        for (String name : fs.list(GROUPS)) {
            if (name.isEmpty() || name.length() > 9 || !name.chars().allMatch(Character::isDigit)) {
                warnings.add("%s/%s: not a group number; skipped".formatted(GROUPS, name));
                continue;
            }
            List<PciAddress> members = new ArrayList<>();
            for (String member : fs.list(GROUPS + "/" + name + "/devices")) {
                // mdev groups list UUID-named devices; only PCI functions are members here.
                if (PciAddress.isValid(member)) {
                    members.add(PciAddress.parse(member));
                }
            }
            members.sort(Comparator.naturalOrder());
            groups.add(new IommuGroup(Integer.parseInt(name), members));
        }
        groups.sort(Comparator.comparingInt(IommuGroup::id));
        return groups;
    }
}
