package io.libvfio.runtime.vgpu;

import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.UndoLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * Binds a PCI function to {@code vfio-pci} the way sysfs-spec §7.1 says (libvirt's
 * {@code driver_override} method), and gives it back.
 * <ol>
 * <li>write {@code vfio-pci} to {@code driver_override} (skipped when it already says so);</li>
 * <li>write the address to the current driver's {@code unbind} (skipped without a driver);</li>
 * <li>write the address to {@code /sys/bus/pci/drivers_probe};</li>
 * <li>wait, with a bound, until the function's {@code driver} is {@code vfio-pci} and
 * {@code /dev/vfio/<group>} exists; running out of time is an error.</li>
 * </ol>
 * Release restores exactly the {@code driver_override} and driver it found: it unbinds from
 * {@code vfio-pci}, and only when there was a driver clears the override and writes
 * {@code drivers_probe} (then puts the old override back). So a VF a backend reserved with
 * {@code driver_override=vfio-pci} and no driver ends as it was: override {@code vfio-pci}, no
 * driver, no probe. Restoring works from what the host shows now, so the same code undoes a bind
 * that failed half-way.
 * <p>
 * In a dry run ({@code dryRun}), the file system only records writes: nothing is waited for or
 * checked after a write.
 */
public final class VfioBinder
{
    static final String VFIO_PCI = "vfio-pci";

    private final HostFs fs;
    private final Clock clock;
    private final Duration timeout;
    private final Duration pollInterval;
    private final boolean dryRun;

    public VfioBinder(HostFs fs, Clock clock, Duration timeout, Duration pollInterval, boolean dryRun)
    {
        this.fs = requireNonNull(fs, "fs is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
        this.dryRun = dryRun;
    }

    /**
     * Binds {@code function} to {@code vfio-pci}. Records in {@code undo}, after the first write,
     * how to restore the function; a failure part-way is left for the caller's rollback.
     */
    public FunctionBinding bind(PciAddress function, UndoLog undo)
    {
        String device = PciFunctionFiles.directory(function);
        if (!fs.isDirectory(device)) {
            throw new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, "no PCI device %s on this host".formatted(function));
        }
        OptionalInt group = PciFunctionFiles.iommuGroup(fs, function);
        if (group.isEmpty()) {
            throw new VfioException(StandardErrorCode.NOT_VIRTUALIZABLE,
                    "%s has no IOMMU group, so VFIO cannot take it (is the IOMMU on? see 'libvfio doctor')".formatted(function));
        }
        if (!fs.isDirectory(PciFunctionFiles.DRIVERS + VFIO_PCI)) {
            throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED,
                    "cannot bind %s: vfio-pci is not loaded (%s%s is missing; run 'modprobe vfio-pci')".formatted(function, PciFunctionFiles.DRIVERS, VFIO_PCI));
        }
        Optional<String> driver = PciFunctionFiles.driver(fs, function);
        Optional<String> override = PciFunctionFiles.override(fs, function);
        FunctionBinding binding = new FunctionBinding(function, group.getAsInt(), driver, override);
        if (driver.filter(VFIO_PCI::equals).isPresent()) {
            return binding;
        }
        boolean recorded = false;
        if (!override.filter(VFIO_PCI::equals).isPresent()) {
            fs.write(device + "/driver_override", VFIO_PCI);
            recorded = recordRestore(binding, undo, recorded);
        }
        if (driver.isPresent()) {
            fs.write(PciFunctionFiles.DRIVERS + driver.get() + "/unbind", function.toString());
            recorded = recordRestore(binding, undo, recorded);
        }
        fs.write("/sys/bus/pci/drivers_probe", function.toString());
        recordRestore(binding, undo, recorded);
        if (!dryRun) {
            awaitVfio(binding);
        }
        return binding;
    }

    /** Gives a function back: the driver and {@code driver_override} it had before {@link #bind}. */
    public void release(FunctionBinding binding)
    {
        restore(binding);
    }

    private boolean recordRestore(FunctionBinding binding, UndoLog undo, boolean recorded)
    {
        if (!recorded) {
            undo.record("give %s back to %s".formatted(binding.function(), binding.originalDriver().orElse("no driver")), new Restore(binding));
        }
        return true;
    }

    private void restore(FunctionBinding binding)
    {
        PciAddress function = binding.function();
        String device = PciFunctionFiles.directory(function);
        if (binding.originalDriver().filter(VFIO_PCI::equals).isPresent()) {
            return;
        }
        Optional<String> current = PciFunctionFiles.driver(fs, function);
        if (current.isPresent() && !current.equals(binding.originalDriver())) {
            fs.write(PciFunctionFiles.DRIVERS + current.get() + "/unbind", function.toString());
        }
        if (binding.originalDriver().isPresent() && (dryRun || !current.equals(binding.originalDriver()))) {
            Optional<String> override = PciFunctionFiles.override(fs, function);
            if (override.isPresent() && !override.equals(binding.originalDriver())) {
                fs.write(device + "/driver_override", "\n");
            }
            fs.write("/sys/bus/pci/drivers_probe", function.toString());
            Optional<String> after = PciFunctionFiles.driver(fs, function);
            if (!dryRun && !after.equals(binding.originalDriver())) {
                throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "could not give %s back to %s: after drivers_probe it is on %s".formatted(
                        function, binding.originalDriver().get(), after.orElse("no driver")));
            }
        }
        if (!PciFunctionFiles.override(fs, function).equals(binding.originalOverride())) {
            fs.write(device + "/driver_override", binding.originalOverride().orElse("\n"));
        }
    }

    private void awaitVfio(FunctionBinding binding)
    {
        String node = "/dev/vfio/" + binding.iommuGroup();
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Optional<String> driver = PciFunctionFiles.driver(fs, binding.function());
            boolean bound = driver.filter(VFIO_PCI::equals).isPresent();
            if (bound && fs.exists(node)) {
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new VfioException(StandardErrorCode.TIMEOUT, "%s: %s after %d ms (driver: %s)".formatted(binding.function(),
                        bound ? node + " did not appear" : "vfio-pci did not bind it", timeout.toMillis(), driver.orElse("none")));
            }
            pause();
        }
    }

    private void pause()
    {
        try {
            Thread.sleep(Math.max(1, pollInterval.toMillis()));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VfioException(StandardErrorCode.TIMEOUT, "interrupted while waiting for vfio-pci", e);
        }
    }

    /** The undo of a bind: restore the function from what the host shows now. */
    private final class Restore
            implements Runnable
    {
        private final FunctionBinding binding;

        Restore(FunctionBinding binding)
        {
            this.binding = binding;
        }

        @Override
        public void run()
        {
            restore(binding);
        }
    }
}
