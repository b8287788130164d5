package io.libvfio.testkit;

import io.libvfio.api.Errno;
import io.libvfio.api.PciAddress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The PCI driver core (sysfs-spec §1.3, §1.4, §1.5, §7.1): {@code driver_override}, the
 * {@code bind}/{@code unbind}/{@code new_id}/{@code remove_id} files of driver directories and
 * the bus's {@code drivers_probe}.
 *
 * <p>Matching: a device with a {@code driver_override} matches only that driver. Otherwise it
 * matches its <em>native</em> driver (the driver it had when the fake kernel first saw it, or
 * one set with {@link FakeKernel#nativeDriver}; {@code vfio-pci} and {@code pci-stub} are never
 * taken as native, their static tables being override-only) and every driver with a matching
 * dynamic ID. When several drivers match, probing tries the native one first, then the others
 * by name. {@code vfio-pci} and its variants refuse bridges (EINVAL) and PFs with VFs (EBUSY).
 * A VF whose PF has {@code sriov_drivers_autoprobe} 0 and that has no override is probed by no
 * driver: {@code drivers_probe} and {@code new_id} leave it alone, {@code bind} is ENODEV.
 */
final class DriverBinding
{
    private static final String DRIVERS = "sys/bus/pci/drivers/";
    private static final int PAGE_SIZE = 4096;
    private static final Set<String> OVERRIDE_ONLY = Set.of("vfio-pci", "pci-stub");

    private final KernelTree tree;
    private final PciFunctions pci;
    private final Set<String> seen = new HashSet<>();
    /** Names of {@code sys/bus/pci/devices} entries already looked at by {@link #rememberNewFunctions}. */
    private final Set<String> listed = new HashSet<>();
    private final Map<String, String> natives = new HashMap<>();
    private final Map<String, List<DynamicId>> dynamicIds = new HashMap<>();

    DriverBinding(KernelTree tree, PciFunctions pci)
    {
        this.tree = requireNonNull(tree, "tree is null");
        this.pci = requireNonNull(pci, "pci is null");
    }

    /**
     * Records the native driver of every function not seen before, as it is now. Runs before
     * every write, so it only lists the bus's names and looks closer at names it has not met.
     */
    void rememberNewFunctions()
    {
        for (String name : tree.unsortedNames(PciFunctions.BUS)) {
            if (listed.contains(name)) {
                continue;
            }
            listed.add(name);
            if (PciAddress.isValid(name)) {
                String bdf = PciAddress.parse(name).toString();
                if (seen.add(bdf)) {
                    pci.driver(bdf).filter(driver -> !OVERRIDE_ONLY.contains(driver)).ifPresent(driver -> natives.put(bdf, driver));
                }
            }
        }
    }

    /** Sets (or, with {@code null}, clears) the driver {@code drivers_probe} binds a device to. */
    void nativeDriver(String bdf, String driver)
    {
        seen.add(bdf);
        if (driver == null) {
            natives.remove(bdf);
        }
        else {
            natives.put(bdf, driver);
        }
    }

    Optional<String> nativeDriver(String bdf)
    {
        return Optional.ofNullable(natives.get(bdf));
    }

    List<DynamicId> dynamicIds(String driver)
    {
        return List.copyOf(dynamicIds.getOrDefault(driver, List.of()));
    }

    /** {@code driver_override}: stored up to the first newline; empty clears it; PAGE_SIZE-1 bytes or more is EINVAL. */
    void storeOverride(String attribute, String value)
    {
        if (value.getBytes(StandardCharsets.UTF_8).length >= PAGE_SIZE - 1) {
            throw WriteRefused.because(Errno.EINVAL, "driver_override too long");
        }
        String name = value;
        int nul = name.indexOf('\0');
        if (nul >= 0) {
            name = name.substring(0, nul);
        }
        int newline = name.indexOf('\n');
        if (newline >= 0) {
            name = name.substring(0, newline);
        }
        tree.store(attribute, name.isEmpty() ? "(null)" : name);
    }

    /** {@code drivers/<driver>/bind}. */
    void bind(String driver, String value)
    {
        String bdf = KernelStrings.chomp(value);
        if (!pci.exists(bdf)) {
            throw WriteRefused.because(Errno.ENODEV, "no device " + bdf);
        }
        if (!matches(driver, bdf)) {
            throw WriteRefused.because(Errno.ENODEV, driver + " does not match " + bdf);
        }
        if (pci.driver(bdf).isPresent()) {
            throw WriteRefused.because(Errno.EBUSY, bdf + " already has a driver");
        }
        if (!canProbe(bdf)) {
            throw WriteRefused.because(Errno.ENODEV, bdf + " is a VF of a PF with sriov_drivers_autoprobe 0 and has no driver_override");
        }
        Optional<WriteRefused> refusal = probeRefusal(driver, bdf);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        pci.attach(bdf, driver);
    }

    /** {@code drivers/<driver>/unbind}. */
    void unbind(String driver, String value)
    {
        String bdf = KernelStrings.chomp(value);
        if (!pci.exists(bdf) || !pci.driver(bdf).filter(driver::equals).isPresent()) {
            throw WriteRefused.because(Errno.ENODEV, bdf + " is not bound to " + driver);
        }
        pci.detach(bdf);
    }

    /** {@code /sys/bus/pci/drivers_probe}: success even when nothing binds. */
    void driversProbe(String value)
    {
        String bdf = KernelStrings.chomp(value);
        if (!pci.exists(bdf)) {
            throw WriteRefused.because(Errno.ENODEV, "no device " + bdf);
        }
        if (pci.driver(bdf).isEmpty()) {
            probe(bdf);
        }
    }

    /** {@code drivers/<driver>/new_id}: adds the ID, then binds every unbound device that now matches. */
    void newId(String driver, String value)
    {
        DynamicId id = DynamicId.parse(value, 7);
        if (DynamicId.fieldCount(value, 7) != 7 && alreadyMatched(driver, id)) {
            throw WriteRefused.because(Errno.EEXIST, driver + " already matches " + id);
        }
        dynamicIds.computeIfAbsent(driver, name -> new ArrayList<>()).add(id);
        for (String bdf : pci.all()) {
            if (pci.exists(bdf) && pci.driver(bdf).isEmpty() && matches(driver, bdf) && canProbe(bdf) && probeRefusal(driver, bdf).isEmpty()) {
                pci.attach(bdf, driver);
            }
        }
    }

    /** {@code drivers/<driver>/remove_id}: deletes an equal dynamic ID; binds and unbinds nothing. */
    void removeId(String driver, String value)
    {
        DynamicId id = DynamicId.parse(value, 6);
        List<DynamicId> ids = dynamicIds.getOrDefault(driver, new ArrayList<>());
        if (!ids.remove(id)) {
            throw WriteRefused.because(Errno.ENODEV, driver + " has no dynamic ID " + id);
        }
    }

    /** Runs matching on an unbound device, as {@code device_attach()} does; binds nothing when no driver fits. */
    void probe(String bdf)
    {
        if (!canProbe(bdf)) {
            return;
        }
        for (String driver : candidates(bdf)) {
            if (tree.isDirectory(DRIVERS + driver) && probeRefusal(driver, bdf).isEmpty()) {
                pci.attach(bdf, driver);
                return;
            }
        }
    }

    /**
     * {@code pci_device_can_probe()}: a VF may be probed only while its PF's
     * {@code sriov_drivers_autoprobe} is 1 (read at probe time) or it has a {@code driver_override};
     * otherwise {@code pci_device_probe()} rejects every driver with ENODEV (real 6.1, examples/testbed).
     */
    private boolean canProbe(String bdf)
    {
        Optional<String> pf = pci.physfn(bdf);
        if (pf.isEmpty() || pci.override(bdf).isPresent()) {
            return true;
        }
        return !tree.value(PciFunctions.bus(pf.get()) + "/sriov_drivers_autoprobe").filter("0"::equals).isPresent();
    }

    private List<String> candidates(String bdf)
    {
        Optional<String> override = pci.override(bdf);
        if (override.isPresent()) {
            return List.of(override.get());
        }
        List<String> candidates = new ArrayList<>();
        nativeDriver(bdf).ifPresent(candidates::add);
        for (String driver : tree.names("sys/bus/pci/drivers")) {
            if (!candidates.contains(driver) && matchesDynamicId(driver, bdf)) {
                candidates.add(driver);
            }
        }
        return candidates;
    }

    private boolean matches(String driver, String bdf)
    {
        Optional<String> override = pci.override(bdf);
        if (override.isPresent()) {
            return override.get().equals(driver);
        }
        return nativeDriver(bdf).filter(driver::equals).isPresent() || matchesDynamicId(driver, bdf);
    }

    private boolean matchesDynamicId(String driver, String bdf)
    {
        int vendor = pci.number(bdf, "vendor");
        int device = pci.number(bdf, "device");
        int subvendor = pci.number(bdf, "subsystem_vendor");
        int subdevice = pci.number(bdf, "subsystem_device");
        int classCode = pci.number(bdf, "class");
        return dynamicIds.getOrDefault(driver, List.of()).stream().anyMatch(id -> id.matches(vendor, device, subvendor, subdevice, classCode));
    }

    /** {@code new_id}'s EEXIST test: an existing dynamic ID or the static table (native devices' IDs) already matches. */
    private boolean alreadyMatched(String driver, DynamicId id)
    {
        boolean dynamic = dynamicIds.getOrDefault(driver, List.of()).stream()
                .anyMatch(existing -> existing.matches(id.vendor(), id.device(), id.subvendor(), id.subdevice(), id.classCode()));
        boolean table = natives.entrySet().stream()
                .filter(entry -> entry.getValue().equals(driver) && pci.exists(entry.getKey()))
                .anyMatch(entry -> pci.number(entry.getKey(), "vendor") == id.vendor() && pci.number(entry.getKey(), "device") == id.device());
        return dynamic || table;
    }

    /** Why the driver's probe would fail on this device, if it would. */
    private Optional<WriteRefused> probeRefusal(String driver, String bdf)
    {
        if (!VfioGroupNodes.isVfioDriver(driver)) {
            return Optional.empty();
        }
        if (pci.isBridge(bdf)) {
            return Optional.of(WriteRefused.because(Errno.EINVAL, "vfio-pci does not bind bridges"));
        }
        if (pci.numVfs(bdf) > 0) {
            return Optional.of(WriteRefused.because(Errno.EBUSY, "Cannot bind to PF with SR-IOV enabled"));
        }
        return Optional.empty();
    }
}
