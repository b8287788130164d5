package io.libvfio.testkit;

import io.libvfio.api.Errno;
import io.libvfio.api.PciAddress;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * SR-IOV on a PF (sysfs-spec §1.2): {@code sriov_numvfs} with the kernel's checks in the
 * kernel's order, VF creation through {@link SimulatedHost#enableVfs}, VF auto-probing governed
 * by {@code sriov_drivers_autoprobe}, and teardown.
 */
final class SriovEmulation
{
    private static final int U16_MAX = 0xffff;

    private final KernelTree tree;
    private final PciFunctions pci;
    private final DriverBinding binding;
    private final IommuGroupIds groupIds;
    private final IovProvisioning iov;
    private final Set<String> withoutSriovConfigure = new HashSet<>(Set.of("gim", "vfio-pci", "pci-stub"));
    private final Map<String, String> vfDrivers = new HashMap<>();
    private final Map<String, Consumer<PciFunctionSpec>> vfTemplates = new HashMap<>();

    SriovEmulation(KernelTree tree, PciFunctions pci, DriverBinding binding, IommuGroupIds groupIds, IovProvisioning iov)
    {
        this.iov = requireNonNull(iov, "iov is null");
        this.tree = requireNonNull(tree, "tree is null");
        this.pci = requireNonNull(pci, "pci is null");
        this.binding = requireNonNull(binding, "binding is null");
        this.groupIds = requireNonNull(groupIds, "groupIds is null");
    }

    void vfDriver(String pfDriver, String vfDriver)
    {
        vfDrivers.put(pfDriver, vfDriver);
    }

    void withoutSriovConfigure(String driver)
    {
        withoutSriovConfigure.add(driver);
    }

    void vfTemplate(String pf, Consumer<PciFunctionSpec> template)
    {
        vfTemplates.put(pf, template);
    }

    /** {@code sriov_numvfs} of the PF whose (canonical) device directory is given. */
    void storeNumVfs(String deviceDirectory, String value)
    {
        String pf = deviceDirectory.substring(deviceDirectory.lastIndexOf('/') + 1);
        long requested = u16(value);
        int total = tree.value(deviceDirectory + "/sriov_totalvfs").map(Integer::parseInt).orElse(0);
        if (requested > total) {
            throw WriteRefused.because(Errno.ERANGE, requested + " VFs requested, sriov_totalvfs is " + total);
        }
        int current = pci.numVfs(pf);
        if (requested == current) {
            return;
        }
        Optional<String> driver = pci.driver(pf);
        if (driver.isEmpty()) {
            throw WriteRefused.because(Errno.ENOENT, "no driver bound to device; cannot configure SR-IOV");
        }
        if (withoutSriovConfigure.contains(driver.get())) {
            throw WriteRefused.because(Errno.ENOENT, "driver does not support SR-IOV configuration via sysfs");
        }
        if (requested == 0) {
            pci.disableVfs(pf);
            iov.vfsDisabled(deviceDirectory);
            return;
        }
        if (current > 0) {
            throw WriteRefused.because(Errno.EBUSY, current + " VFs already enabled");
        }
        enable(pf, (int) requested, driver.get(), deviceDirectory);
    }

    /** {@code kstrtou16(buf, 0)}; any failure, overflow included, is EINVAL (iov.c returns -EINVAL, not kstrtou16's -ERANGE; real 6.1). */
    private static long u16(String value)
    {
        try {
            return KernelStrings.unsigned(value, 0, U16_MAX);
        }
        catch (WriteRefused e) {
            throw WriteRefused.because(Errno.EINVAL, "not a u16: " + value);
        }
    }

    /** {@code sriov_drivers_autoprobe}: kstrtobool, stored as 1 or 0. */
    void storeAutoprobe(String attribute, String value)
    {
        tree.store(attribute, KernelStrings.bool(value) ? "1" : "0");
    }

    private void enable(String pf, int count, String pfDriver, String deviceDirectory)
    {
        Consumer<PciFunctionSpec> template = vfTemplates.getOrDefault(pf, spec -> { });
        List<PciAddress> vfs = tree.host().enableVfs(PciAddress.parse(pf), count, template, groupIds::next);
        String vfDriver = vfDrivers.containsKey(pfDriver) ? vfDrivers.get(pfDriver) : pfDriver;
        if (vfDriver != null) {
            tree.host().driver(vfDriver);
        }
        boolean autoprobe = !tree.value(deviceDirectory + "/sriov_drivers_autoprobe").filter("0"::equals).isPresent();
        for (PciAddress vf : vfs) {
            String bdf = vf.toString();
            binding.nativeDriver(bdf, vfDriver);
            boolean probes = autoprobe || pci.override(bdf).isPresent();
            if (probes && pci.driver(bdf).isEmpty()) {
                binding.probe(bdf);
            }
        }
    }
}
