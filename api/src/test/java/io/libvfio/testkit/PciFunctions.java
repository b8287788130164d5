package io.libvfio.testkit;

import io.libvfio.api.PciAddress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What the fake kernel knows about one PCI function, read from the tree, and the driver-core
 * moves that change it: attaching and detaching a driver (moving the {@code driver} links),
 * tearing down VFs, removing a function with everything below it.
 */
final class PciFunctions
{
    private final KernelTree tree;
    private final VfioGroupNodes nodes;
    private final MdevDevices mdevs;
    private final Set<String> leavesVfsOnUnbind = new HashSet<>(Set.of("nvme"));

    PciFunctions(KernelTree tree, VfioGroupNodes nodes, MdevDevices mdevs)
    {
        this.tree = requireNonNull(tree, "tree is null");
        this.nodes = requireNonNull(nodes, "nodes is null");
        this.mdevs = requireNonNull(mdevs, "mdevs is null");
    }

    /** Where the bus lists its functions, root-relative. */
    static final String BUS = "sys/bus/pci/devices";

    static String bus(String bdf)
    {
        return BUS + "/" + bdf;
    }

    boolean exists(String bdf)
    {
        return tree.pciFunctionExists(bdf);
    }

    List<String> all()
    {
        return tree.pciFunctions().stream().map(PciAddress::toString).toList();
    }

    String directory(String bdf)
    {
        return tree.deviceDirectory(PciAddress.parse(bdf));
    }

    Optional<String> driver(String bdf)
    {
        return tree.linkName(bus(bdf) + "/driver");
    }

    /** The {@code driver_override}, empty when it reads {@code (null)}. */
    Optional<String> override(String bdf)
    {
        return tree.value(bus(bdf) + "/driver_override").filter(value -> !value.equals("(null)"));
    }

    Optional<String> group(String bdf)
    {
        return tree.linkName(bus(bdf) + "/iommu_group");
    }

    int number(String bdf, String attribute)
    {
        return tree.value(bus(bdf) + "/" + attribute).map(Integer::decode).orElse(0);
    }

    boolean isBridge(String bdf)
    {
        return (number(bdf, "class") >> 8) == 0x0604;
    }

    boolean isPf(String bdf)
    {
        return tree.exists(bus(bdf) + "/sriov_totalvfs");
    }

    int numVfs(String bdf)
    {
        return isPf(bdf) ? tree.value(bus(bdf) + "/sriov_numvfs").map(Integer::parseInt).orElse(0) : 0;
    }

    /** The PF of a VF, from its {@code physfn} link. */
    Optional<String> physfn(String bdf)
    {
        return tree.linkName(bus(bdf) + "/physfn");
    }

    /** The VFs of a PF in {@code virtfnN} order. */
    List<String> vfs(String pf)
    {
        String directory = directory(pf);
        List<String> links = new ArrayList<>(tree.names(directory).stream().filter(name -> name.matches("virtfn[0-9]+")).toList());
        links.sort(Comparator.comparingInt(name -> Integer.parseInt(name.substring("virtfn".length()))));
        List<String> vfs = new ArrayList<>();
        for (String link : links) {
            tree.linkName(directory + "/" + link).ifPresent(vfs::add);
        }
        return vfs;
    }

    /** Binds a driver: the {@code driver} link, the driver's device link, {@code /dev/vfio}. */
    void attach(String bdf, String driver)
    {
        tree.host().bindDriver(PciAddress.parse(bdf), driver);
        nodes.refresh(group(bdf));
    }

    /**
     * PF drivers whose {@code remove()} leaves SR-IOV enabled: the PCI core does not disable it
     * ({@code pci_iov_remove} only warns), so the VFs outlive the unbind. Real 6.1: {@code nvme}.
     */
    void leavesVfsOnUnbind(String driver)
    {
        leavesVfsOnUnbind.add(requireNonNull(driver, "driver is null"));
    }

    /**
     * Unbinds the driver. A PF's driver takes its VFs down with it (sysfs-spec §7.1), unless it
     * is one that {@link #leavesVfsOnUnbind leaves them}.
     */
    void detach(String bdf)
    {
        boolean keepsVfs = driver(bdf).filter(leavesVfsOnUnbind::contains).isPresent();
        if (numVfs(bdf) > 0 && !keepsVfs) {
            disableVfs(bdf);
        }
        tree.host().unbindDriver(PciAddress.parse(bdf));
        nodes.refresh(group(bdf));
    }

    /** Removes every VF of a PF (their drivers unbound first) and sets {@code sriov_numvfs} to 0. */
    void disableVfs(String pf)
    {
        for (String vf : vfs(pf)) {
            prepareRemoval(vf);
        }
        List<Optional<String>> groups = vfs(pf).stream().map(this::group).toList();
        tree.host().disableVfs(PciAddress.parse(pf));
        groups.forEach(nodes::refresh);
    }

    /** Removes a function as {@code remove} does: mdevs, VFs and functions below it first, then the function itself. */
    void remove(String bdf)
    {
        String directory = directory(bdf);
        for (String child : tree.names(directory)) {
            if (PciAddress.isValid(child) && exists(child)) {
                remove(child);
            }
        }
        if (numVfs(bdf) > 0) {
            disableVfs(bdf);
        }
        prepareRemoval(bdf);
        Optional<String> group = group(bdf);
        Optional<String> pf = physfn(bdf);
        tree.host().removeFunction(PciAddress.parse(bdf));
        pf.ifPresent(this::dropVirtfnLinks);
        nodes.refresh(group);
    }

    private void prepareRemoval(String bdf)
    {
        String directory = directory(bdf);
        for (String mdev : mdevs.children(directory)) {
            mdevs.destroy(directory + "/" + mdev);
        }
        tree.delete("sys/class/mdev_bus/" + bdf);
        if (driver(bdf).isPresent()) {
            tree.host().unbindDriver(PciAddress.parse(bdf));
        }
    }

    private void dropVirtfnLinks(String pf)
    {
        String directory = directory(pf);
        for (String name : tree.names(directory)) {
            if (name.startsWith("virtfn") && !tree.exists(directory + "/" + name)) {
                tree.delete(directory + "/" + name);
            }
        }
        tree.value(bus(pf) + "/sriov_numvfs").ifPresent(value -> tree.store(bus(pf) + "/sriov_numvfs", Integer.toString(vfs(pf).size())));
    }
}
