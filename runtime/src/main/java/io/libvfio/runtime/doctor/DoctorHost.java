package io.libvfio.runtime.doctor;

import io.libvfio.api.PciAddress;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.CommandRunner;
import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.HostRequirement;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.facts.CpuInfo;
import io.libvfio.runtime.facts.KernelCommandLine;
import io.libvfio.runtime.facts.KernelModules;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.registry.BackendStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the checks look at, read once and shared: the runtime (its host access, GPUs and
 * backends), the CPU, the kernel command line and modules, the vGPU types of each GPU, and the
 * backends' host requirements. Reads that fail throw {@link VfioException}s, which make the
 * asking check "unknown".
 */
public final class DoctorHost
{
    private final VfioRuntime runtime;
    private final DeviceFiles devices;
    private final boolean realRoot;
    private final Map<PciAddress, List<VgpuType>> types = new HashMap<>();
    private Optional<CpuInfo> cpu;
    private Optional<KernelCommandLine> cmdline;
    private KernelModules modules;
    private List<BackendRequirements> requirements;

    public DoctorHost(VfioRuntime runtime, DeviceFiles devices)
    {
        this(runtime, devices, runtime.paths().isRealRoot());
    }

    /** For tests: a simulated tree treated as the real root, so that device nodes are opened. */
    DoctorHost(VfioRuntime runtime, DeviceFiles devices, boolean realRoot)
    {
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.devices = requireNonNull(devices, "devices is null");
        this.realRoot = realRoot;
    }

    public VfioRuntime runtime()
    {
        return runtime;
    }

    public HostFs fs()
    {
        return runtime.fs();
    }

    public HostPaths paths()
    {
        return runtime.paths();
    }

    public CommandRunner commands()
    {
        return runtime.commands();
    }

    public DeviceFiles devices()
    {
        return devices;
    }

    /** True on a simulated host tree: nothing on this machine outside the root is touched. */
    public boolean simulated()
    {
        return !realRoot;
    }

    /** The file-system path of a host path under the root. */
    public Path file(String hostPath)
    {
        return runtime.paths().resolve(hostPath);
    }

    public synchronized Optional<CpuInfo> cpu()
    {
        if (cpu == null) {
            cpu = CpuInfo.read(fs());
        }
        return cpu;
    }

    /** True when {@code /proc/cpuinfo} has the {@code hypervisor} flag. */
    public boolean inVirtualMachine()
    {
        return cpu().map(CpuInfo::inVirtualMachine).orElse(false);
    }

    public synchronized Optional<KernelCommandLine> cmdline()
    {
        if (cmdline == null) {
            cmdline = KernelCommandLine.read(fs());
        }
        return cmdline;
    }

    public synchronized KernelModules modules()
    {
        if (modules == null) {
            modules = KernelModules.read(fs());
        }
        return modules;
    }

    public List<GpuReport> gpus()
    {
        return runtime.gpus();
    }

    /** The vGPU types a served GPU offers now; empty for a GPU no backend serves. */
    public synchronized List<VgpuType> types(GpuReport gpu)
    {
        if (gpu.backend().isEmpty()) {
            return List.of();
        }
        PciAddress address = gpu.device().address();
        List<VgpuType> known = types.get(address);
        if (known == null) {
            known = runtime.types(Optional.of(address));
            types.put(address, known);
        }
        return known;
    }

    /** Every active backend's host requirements, each backend on its own (one failing never hides the others). */
    public synchronized List<BackendRequirements> requirements()
    {
        if (requirements == null) {
            List<BackendRequirements> all = new ArrayList<>();
            for (BackendStatus status : runtime.backends()) {
                Optional<Backend> backend = status.backend();
                if (backend.isEmpty()) {
                    continue;
                }
                try {
                    all.add(new BackendRequirements(status.name(), backend.get().hostRequirements(), Optional.empty()));
                }
                catch (VfioException e) {
                    all.add(new BackendRequirements(status.name(), List.of(), Optional.of(e.getMessage())));
                }
            }
            requirements = List.copyOf(all);
        }
        return requirements;
    }

    /** The requirements of every backend that could answer, flattened. */
    public List<HostRequirement> allRequirements()
    {
        List<HostRequirement> all = new ArrayList<>();
        for (BackendRequirements backend : requirements()) {
            all.addAll(backend.requirements());
        }
        return all;
    }
}
