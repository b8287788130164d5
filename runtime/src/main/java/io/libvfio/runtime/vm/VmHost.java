package io.libvfio.runtime.vm;

import io.libvfio.api.HostInventory;
import io.libvfio.api.spi.CommandRunner;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.host.CpuAffinity;
import io.libvfio.runtime.host.DetachedLauncher;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.host.RuntimeDirectories;
import io.libvfio.runtime.vm.gpu.VgpuProvider;
import io.libvfio.runtime.vm.state.VmProcesses;
import io.libvfio.runtime.vm.state.VmStateStore;

import java.time.Clock;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The parts of the host the VM lifecycle works with, in one place: the root and its file
 * access, libvfio's own directories, program runners, the vGPU seam, the inventory (for NUMA
 * and hugepages), and the clock.
 *
 * @param qemu the QEMU system emulator to run (a program of this machine, not under the root)
 */
public record VmHost(HostPaths paths, HostFs fs, RuntimeDirectories directories, CommandRunner commands, DetachedLauncher launcher,
                     CpuAffinity affinity, VgpuProvider vgpus, Supplier<HostInventory> inventory, Clock clock, String qemu)
{
    public VmHost
    {
        requireNonNull(paths, "paths is null");
        requireNonNull(fs, "fs is null");
        requireNonNull(directories, "directories is null");
        requireNonNull(commands, "commands is null");
        requireNonNull(launcher, "launcher is null");
        requireNonNull(affinity, "affinity is null");
        requireNonNull(vgpus, "vgpus is null");
        requireNonNull(inventory, "inventory is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(qemu, "qemu is null");
    }

    /** The VM host of a runtime: its root, file access, programs and inventory; QEMU from {@code LIBVFIO_QEMU} or the PATH. */
    public static VmHost of(io.libvfio.runtime.VfioRuntime runtime, VgpuProvider vgpus)
    {
        String qemu = System.getenv("LIBVFIO_QEMU");
        return new VmHost(runtime.paths(), runtime.fs(), RuntimeDirectories.forRoot(runtime.paths().root()), runtime.commands(), new DetachedLauncher(),
                new CpuAffinity(), vgpus, new InventorySupplier(runtime), Clock.systemUTC(), qemu == null || qemu.isBlank() ? "qemu-system-x86_64" : qemu);
    }

    // A class rather than a method reference: linking one costs start-up time.
    private static final class InventorySupplier
            implements Supplier<HostInventory>
    {
        private final io.libvfio.runtime.VfioRuntime runtime;

        InventorySupplier(io.libvfio.runtime.VfioRuntime runtime)
        {
            this.runtime = runtime;
        }

        @Override
        public HostInventory get()
        {
            return runtime.inventory();
        }
    }

    public VmStateStore store()
    {
        return new VmStateStore(io.libvfio.runtime.vm.spec.VmFiles.statesDirectory(directories));
    }

    public VmProcesses processes()
    {
        return new VmProcesses();
    }
}
