package io.libvfio.runtime.setup;

import io.libvfio.api.Mechanism;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.HostRequirement;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.facts.CpuInfo;
import io.libvfio.runtime.facts.KernelModules;
import io.libvfio.runtime.facts.ModuleState;
import io.libvfio.runtime.registry.BackendStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Works out what the host's configuration must say, from the CPU (which IOMMU parameter), the
 * GPUs (mdev or not) and the backends' {@link HostRequirement}s, and compares it with the files
 * under the root. The plan holds whole new file contents; applying it twice changes nothing.
 */
public final class SetupPlanner
{
    public static final String MODULES_LOAD = "/etc/modules-load.d/libvfio.conf";
    public static final String MODPROBE = "/etc/modprobe.d/libvfio.conf";
    public static final String TMPFILES = "/etc/tmpfiles.d/libvfio-looking-glass.conf";
    static final String SHM = "/dev/shm/looking-glass";
    private static final List<String> TMPFILES_DIRECTORIES = List.of("/etc/tmpfiles.d", "/run/tmpfiles.d", "/usr/lib/tmpfiles.d");
    private static final String WRITTEN_BY = "Written by libvfio setup";

    private final VfioRuntime runtime;
    private final SetupOptions options;

    public SetupPlanner(VfioRuntime runtime, SetupOptions options)
    {
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.options = requireNonNull(options, "options is null");
    }

    public SetupPlan plan()
    {
        ConfigFiles fs = new ConfigFiles(runtime.paths(), runtime.fs());
        List<String> skipped = new ArrayList<>();
        List<String> manual = new ArrayList<>();
        List<String> followUp = new ArrayList<>();
        List<FileChange> changes = new ArrayList<>();

        List<String> parameters = new ArrayList<>();
        Optional<CpuInfo> cpu = CpuInfo.read(fs.fs());
        if (cpu.map(CpuInfo::isIntel).orElse(false)) {
            parameters.add("intel_iommu=on");
        }
        else if (cpu.map(CpuInfo::isAmd).orElse(false)) {
            parameters.add("amd_iommu=on");
        }
        else {
            manual.add("the CPU's vendor is unknown (no vendor_id in /proc/cpuinfo): add intel_iommu=on (Intel) or amd_iommu=on (AMD) to the kernel command line yourself");
        }
        parameters.add("iommu=pt");

        List<String> wantedModules = new ArrayList<>();
        List<String> blacklist = new ArrayList<>();
        boolean mdev = false;
        for (GpuReport gpu : runtime.gpus()) {
            mdev |= gpu.mechanisms().contains(Mechanism.MDEV);
        }
        for (HostRequirement requirement : requirements(manual)) {
            switch (requirement.kind()) {
                case KERNEL_PARAMETER -> add(parameters, requirement.value());
                case LOAD_MODULE -> {
                    add(wantedModules, KernelModules.normalize(requirement.value()));
                    mdev |= requirement.value().equals("kvmgt");
                }
                case BLACKLIST_MODULE -> DisplayGuard.refusal(runtime.inventory(), requirement)
                        .ifPresentOrElse(skipped::add, () -> add(blacklist, "blacklist " + requirement.value()));
                case DRIVER -> {
                    if (!requirement.met()) {
                        manual.add("%s for %s: %s; %s".formatted(requirement.value(), requirement.purpose(), requirement.state(),
                                requirement.fix().orElse("install it")));
                    }
                }
            }
        }
        List<String> modules = new ArrayList<>(List.of("vfio", "vfio_iommu_type1", "vfio_pci"));
        if (mdev) {
            modules.add("mdev");
        }
        for (String module : wantedModules) {
            add(modules, module);
        }

        List<String> bootLoaders = bootLoaders(fs, parameters, changes, manual, followUp);
        boolean initramfs = ConfigLines.ensure(fs, MODPROBE, WRITTEN_BY + ": modules kept off the GPUs that VMs get.", blacklist,
                "keep modules off the GPUs for VMs").map(change -> changes.add(change)).orElse(false);
        ConfigLines.ensure(fs, MODULES_LOAD, WRITTEN_BY + ": modules VMs with GPUs need, loaded at boot.", loadable(fs, modules, skipped),
                "load at boot").ifPresent(changes::add);
        lookingGlass(fs, skipped).ifPresent(change -> {
            changes.add(change);
            followUp.add("systemd-tmpfiles --create " + TMPFILES);
        });
        if (initramfs) {
            followUp.add(0, Initramfs.command(fs));
        }
        if (changes.stream().anyMatch(change -> !change.path().equals(TMPFILES))) {
            followUp.add("reboot (the kernel command line and modules take effect at boot)");
        }
        return new SetupPlan(bootLoaders, parameters, changes, skipped, manual, followUp);
    }

    private List<HostRequirement> requirements(List<String> manual)
    {
        List<HostRequirement> requirements = new ArrayList<>();
        for (BackendStatus status : runtime.backends()) {
            Optional<Backend> backend = status.backend();
            if (backend.isEmpty()) {
                continue;
            }
            try {
                requirements.addAll(backend.get().hostRequirements());
            }
            catch (VfioException e) {
                manual.add("cannot tell what %s needs: %s".formatted(status.name(), e.getMessage()));
            }
        }
        return requirements;
    }

    private static List<String> bootLoaders(ConfigFiles fs, List<String> parameters, List<FileChange> changes, List<String> manual, List<String> followUp)
    {
        KernelstubConfig kernelstub = new KernelstubConfig();
        KernelCmdlineFile kernelCmdline = new KernelCmdlineFile();
        List<BootLoader> present = new ArrayList<>();
        for (BootLoader loader : List.of(kernelstub, kernelCmdline, new LoaderEntries(), new GrubDefaults())) {
            if (!loader.present(fs)) {
                continue;
            }
            // kernelstub and kernel-install write the loader entries themselves
            if (loader instanceof LoaderEntries && (kernelstub.present(fs) || kernelCmdline.present(fs))) {
                continue;
            }
            present.add(loader);
        }
        List<String> found = new ArrayList<>();
        for (BootLoader loader : present) {
            found.add(loader.describe());
            List<FileChange> loaderChanges = loader.changes(fs, parameters);
            if (!loaderChanges.isEmpty()) {
                changes.addAll(loaderChanges);
                followUp.addAll(loader.followUp(fs));
            }
        }
        if (present.isEmpty()) {
            manual.add("no boot loader configuration under the root (looked for %s, %s, loader/entries/*.conf, %s): add %s to the kernel command line yourself"
                    .formatted(GrubDefaults.PATH, KernelCmdlineFile.PATH, KernelstubConfig.PATH, String.join(" ", parameters)));
        }
        return found;
    }

    /** The modules to load at boot, less those this kernel builds in or lacks (when its module lists say so). */
    private static List<String> loadable(ConfigFiles fs, List<String> modules, List<String> skipped)
    {
        KernelModules kernel = KernelModules.read(fs.fs());
        List<String> loadable = new ArrayList<>();
        for (String module : modules) {
            ModuleState state = kernel.state(module);
            if (state == ModuleState.BUILT_IN) {
                continue;
            }
            if (state == ModuleState.MISSING) {
                skipped.add("not loading %s at boot: kernel %s does not have it".formatted(module, kernel.release().orElse("?")));
                continue;
            }
            loadable.add(module);
        }
        return loadable;
    }

    private Optional<FileChange> lookingGlass(ConfigFiles fs, List<String> skipped)
    {
        for (String directory : TMPFILES_DIRECTORIES) {
            for (String name : fs.list(directory)) {
                String path = directory + "/" + name;
                if (name.endsWith(".conf") && !path.equals(TMPFILES) && fs.read(path).map(text -> text.contains(SHM)).orElse(false)) {
                    skipped.add("no tmpfiles rule for %s: %s already has one".formatted(SHM, path));
                    return Optional.empty();
                }
            }
        }
        String rule = "f %s 0660 %s kvm -".formatted(SHM, options.lookingGlassUser());
        String content = "# " + WRITTEN_BY + ": the Looking Glass frame buffer, readable by the kvm group.\n" + rule + "\n";
        Optional<String> before = fs.read(TMPFILES);
        if (before.map(text -> text.lines().anyMatch(rule::equals) && text.lines().filter(line -> line.contains(SHM)).count() == 1).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(new FileChange(TMPFILES, before, content, "Looking Glass shared memory " + SHM + " for user " + options.lookingGlassUser()));
    }

    private static void add(List<String> list, String value)
    {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}
