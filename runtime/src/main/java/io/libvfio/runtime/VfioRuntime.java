package io.libvfio.runtime;

import io.libvfio.api.Gpu;
import io.libvfio.api.GpuId;
import io.libvfio.api.HostInventory;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.CommandRunner;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.discovery.HostDiscovery;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.registry.BackendProber;
import io.libvfio.runtime.registry.BackendRegistry;
import io.libvfio.runtime.registry.BackendStatus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The facade the CLI (or an embedding program) talks to. It delegates: discovery to
 * {@link HostDiscovery}, backend selection to {@link BackendRegistry} and {@link BackendProber},
 * verdicts to {@link GpuAssessor}. Work is done on first use and remembered.
 */
public final class VfioRuntime
{
    private final HostPaths paths;
    private final HostFs fs;
    private final HostDiscovery discovery;
    private final Supplier<BackendRegistry> registrySource;
    private BackendRegistry registry;
    private final CommandRunner commands;
    private final Clock clock;
    private final RuntimeOptions options;
    private HostInventory inventory;
    private List<BackendStatus> backends;

    public VfioRuntime(HostPaths paths, HostFs fs, HostDiscovery discovery, BackendRegistry registry, CommandRunner commands, Clock clock, RuntimeOptions options)
    {
        this(paths, fs, discovery, new Loaded(requireNonNull(registry, "registry is null")), commands, clock, options);
    }

    /**
     * With the registry loaded on first use: commands that need no backend (a VM start without
     * GPUs) do not pay for the service lookup. A {@code --backend} name, and the backend a setting
     * names, are still checked at once.
     */
    public VfioRuntime(HostPaths paths, HostFs fs, HostDiscovery discovery, Supplier<BackendRegistry> registry, CommandRunner commands, Clock clock,
            RuntimeOptions options)
    {
        this.paths = requireNonNull(paths, "paths is null");
        this.fs = requireNonNull(fs, "fs is null");
        this.discovery = requireNonNull(discovery, "discovery is null");
        this.registrySource = requireNonNull(registry, "registry is null");
        this.commands = requireNonNull(commands, "commands is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.options = requireNonNull(options, "options is null");
        if (options.backend().isPresent()) {
            registry().require(options.backend().get());
        }
        // Settings keys are backend.NAME.KEY: a NAME no backend has is a mistake, not something to ignore.
        for (String key : options.settings().keySet()) {
            int first = key.indexOf('.');
            int second = key.indexOf('.', first + 1);
            if (first > 0 && second > first) {
                registry().require(key.substring(first + 1, second));
            }
        }
    }

    public HostPaths paths()
    {
        return paths;
    }

    public synchronized BackendRegistry registry()
    {
        if (registry == null) {
            registry = requireNonNull(registrySource.get(), "registry is null");
        }
        return registry;
    }

    /** Every host read and write under the root. */
    public HostFs fs()
    {
        return fs;
    }

    /** How programs are run (argv only, with a time limit). */
    public CommandRunner commands()
    {
        return commands;
    }

    public synchronized HostInventory inventory()
    {
        if (inventory == null) {
            inventory = discovery.discover();
        }
        return inventory;
    }

    /** Every backend (or only the one {@code --backend} names) with its probe answer and GPUs. */
    public synchronized List<BackendStatus> backends()
    {
        if (backends == null) {
            BackendProber prober = new BackendProber(new Contexts());
            List<BackendStatus> statuses = new ArrayList<>();
            for (BackendProvider provider : selectedProviders()) {
                statuses.add(prober.probe(provider));
            }
            backends = List.copyOf(statuses);
        }
        return backends;
    }

    public List<GpuReport> gpus()
    {
        return new GpuAssessor(fs).assess(inventory(), backends());
    }

    /** The vGPU types of one GPU, or of every shareable GPU. */
    public List<VgpuType> types(Optional<PciAddress> gpu)
    {
        List<GpuReport> reports = gpus();
        if (gpu.isPresent()) {
            GpuReport report = report(reports, gpu.get());
            if (report.backend().isEmpty()) {
                throw new VfioException(StandardErrorCode.NOT_VIRTUALIZABLE, "%s (%s) cannot be split into virtual GPUs: %s".formatted(
                        gpu.get(), report.model(), String.join("; ", report.reasons())));
            }
            return backend(report.backend().get()).listTypes(GpuId.of(gpu.get()));
        }
        List<VgpuType> types = new ArrayList<>();
        for (GpuReport report : reports) {
            if (report.backend().isPresent()) {
                types.addAll(backend(report.backend().get()).listTypes(GpuId.of(report.device().address())));
            }
        }
        // Then the GPUs that are not PCI devices, from the backends that serve them (first one wins).
        List<GpuId> named = new ArrayList<>();
        for (BackendStatus status : backends()) {
            for (Gpu found : status.gpus()) {
                if (!found.isPci() && found.isShareable() && status.backend().isPresent() && !named.contains(found.id())) {
                    named.add(found.id());
                    types.addAll(status.backend().get().listTypes(found.id()));
                }
            }
        }
        return types;
    }

    /**
     * The vGPU types of one GPU named by its PCI address or, for a GPU that is not a PCI device
     * (a plug-in backend's virtual mdev parent such as {@code mbochs}), by its name.
     */
    public List<VgpuType> types(GpuId gpu)
    {
        if (gpu.pciAddress().isPresent()) {
            return types(gpu.pciAddress());
        }
        List<String> named = new ArrayList<>();
        for (BackendStatus status : backends()) {
            for (Gpu found : status.gpus()) {
                if (found.isPci()) {
                    continue;
                }
                if (found.id().equals(gpu)) {
                    if (status.backend().isEmpty() || !found.isShareable()) {
                        throw new VfioException(StandardErrorCode.NOT_VIRTUALIZABLE, "%s (%s) cannot be split into virtual GPUs: %s".formatted(
                                gpu, found.model(), found.limitation().orElse("backend " + status.name() + " offers no mechanism for it")));
                    }
                    return status.backend().get().listTypes(gpu);
                }
                named.add(found.id().toString());
            }
        }
        throw new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, "no GPU named '%s' on this host%s (see 'libvfio backends')".formatted(gpu,
                named.isEmpty() ? "" : "; GPUs that are not PCI devices here: " + String.join(", ", named)));
    }

    /**
     * What {@code libvfio types} lists: {@link #types} plus whole-GPU passthrough, which every GPU
     * with an IOMMU group offers (from the backends whose view of a GPU is passthrough only).
     */
    public List<VgpuType> typesWithPassthrough(Optional<PciAddress> gpu)
    {
        List<VgpuType> types = new ArrayList<>();
        List<GpuReport> reports = gpus();
        VfioException notShareable = null;
        try {
            types.addAll(types(gpu));
        }
        catch (VfioException e) {
            if (e.errorCode() != StandardErrorCode.NOT_VIRTUALIZABLE) {
                throw e;
            }
            notShareable = e;
        }
        for (GpuReport report : reports) {
            if (gpu.isPresent() && !report.device().address().equals(gpu.get())) {
                continue;
            }
            for (BackendStatus status : backends()) {
                if (status.backend().isPresent() && GpuAssessor.offersPassthroughOnly(status, report.device().address())) {
                    types.addAll(status.backend().get().listTypes(GpuId.of(report.device().address())));
                }
            }
        }
        if (types.isEmpty() && notShareable != null) {
            throw notShareable;
        }
        return types;
    }

    /** The report of one GPU, or an error that says whether the device is missing or not a GPU. */
    public GpuReport gpu(PciAddress address)
    {
        return report(gpus(), address);
    }

    private GpuReport report(List<GpuReport> reports, PciAddress address)
    {
        return reports.stream().filter(report -> report.device().address().equals(address)).findFirst().orElseThrow(() -> {
            Optional<PciDevice> device = inventory().device(address);
            if (device.isEmpty()) {
                return new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, "no PCI device %s on this host (see 'libvfio gpus')".formatted(address));
            }
            return new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, "%s is not a GPU (class 0x%06x); GPUs here: %s".formatted(address,
                    device.get().classCode(), reports.stream().map(other -> other.device().address().toString()).collect(Collectors.joining(", "))));
        });
    }

    private Backend backend(String name)
    {
        return backends().stream().filter(status -> status.name().equals(name)).findFirst().flatMap(BackendStatus::backend)
                .orElseThrow(() -> new VfioException(StandardErrorCode.INTERNAL_ERROR, "backend %s is not active".formatted(name)));
    }

    private List<BackendProvider> selectedProviders()
    {
        return options.backend().isPresent() ? List.of(registry().require(options.backend().get())) : registry().providers();
    }

    /** The context a backend gets on this host; public for backend tests and embedders. */
    public BackendContext context(BackendProvider provider)
    {
        return context(provider, fs, false);
    }

    /**
     * A backend's context that reaches the host through {@code through} (a recording or dry-run
     * file system over {@link #fs()}); {@code dryRun} tells the backend its writes are not made.
     */
    public BackendContext context(BackendProvider provider, HostFs through, boolean dryRun)
    {
        String prefix = "backend." + provider.name() + ".";
        Map<String, String> settings = new HashMap<>();
        for (Map.Entry<String, String> entry : options.settings().entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                settings.put(entry.getKey().substring(prefix.length()), entry.getValue());
            }
        }
        return new HostBackendContext(through, new Inventory(), commands, clock, settings, dryRun);
    }

    // Inner classes rather than method references: linking a lambda costs start-up time.
    private final class Contexts
            implements Function<BackendProvider, BackendContext>
    {
        @Override
        public BackendContext apply(BackendProvider provider)
        {
            return context(provider);
        }
    }

    private final class Inventory
            implements Supplier<HostInventory>
    {
        @Override
        public HostInventory get()
        {
            return inventory();
        }
    }

    /** A registry that is already loaded. */
    private record Loaded(BackendRegistry registry)
            implements Supplier<BackendRegistry>
    {
        @Override
        public BackendRegistry get()
        {
            return registry;
        }
    }
}
