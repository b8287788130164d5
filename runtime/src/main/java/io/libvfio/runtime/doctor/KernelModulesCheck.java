package io.libvfio.runtime.doctor;

import io.libvfio.api.Mechanism;
import io.libvfio.api.spi.HostRequirement;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.facts.KernelModules;
import io.libvfio.runtime.facts.ModuleState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The VFIO modules loaded or loadable: {@code vfio}, {@code vfio_pci}, {@code vfio_iommu_type1},
 * {@code mdev} and {@code kvmgt}, plus any module a backend asks to load. A module nothing on this
 * host uses ({@code kvmgt} without a GVT-g iGPU) passes whatever its state, saying so.
 */
final class KernelModulesCheck
        implements DoctorCheck
{
    @Override
    public String id()
    {
        return "module";
    }

    @Override
    public String title()
    {
        return "Kernel modules";
    }

    @Override
    public List<Check> run(DoctorHost host)
    {
        List<HostRequirement> requirements = host.allRequirements();
        boolean gvt = requirements.stream().anyMatch(requirement -> requirement.kind() == HostRequirement.Kind.LOAD_MODULE && requirement.value().equals("kvmgt"));
        boolean mdev = gvt || host.gpus().stream().map(GpuReport::mechanisms).anyMatch(mechanisms -> mechanisms.contains(Mechanism.MDEV));
        Map<String, Optional<String>> modules = new LinkedHashMap<>();
        modules.put("vfio", Optional.empty());
        modules.put("vfio_pci", Optional.empty());
        modules.put("vfio_iommu_type1", Optional.empty());
        modules.put("mdev", mdev ? Optional.empty() : Optional.of("only mediated devices use it (NVIDIA vGPU mdev types, Intel GVT-g), and no GPU here does"));
        modules.put("kvmgt", gvt ? Optional.empty() : Optional.of("only Intel GVT-g uses it, and no GPU here is a GVT-g iGPU"));
        for (HostRequirement requirement : requirements) {
            if (requirement.kind() == HostRequirement.Kind.LOAD_MODULE) {
                modules.putIfAbsent(KernelModules.normalize(requirement.value()), Optional.empty());
            }
        }
        KernelModules kernel = host.modules();
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<String, Optional<String>> module : modules.entrySet()) {
            checks.add(check(kernel, module.getKey(), module.getValue()));
        }
        return checks;
    }

    private Check check(KernelModules kernel, String module, Optional<String> unneeded)
    {
        String id = id() + "." + module;
        String title = "Module " + module;
        ModuleState state = kernel.state(module);
        String release = kernel.release().orElse("this kernel");
        if (state == ModuleState.LOADED) {
            return Check.pass(id, title, "loaded");
        }
        if (state == ModuleState.BUILT_IN) {
            return Check.pass(id, title, "built into the kernel");
        }
        if (unneeded.isPresent()) {
            String where = switch (state) {
                case LOADABLE -> "not loaded, loadable";
                case MISSING -> "not available in " + release;
                default -> "not loaded";
            };
            return Check.pass(id, title, where + "; " + unneeded.get());
        }
        return switch (state) {
            case LOADABLE -> Check.warn(id, title, "not loaded, but " + release + " has it",
                    "modprobe %s now; '%s' also loads it at every boot (modules-load.d)".formatted(module, Fixes.SETUP));
            case MISSING -> Check.fail(id, title, "not loaded, and " + release + " does not have it",
                    "install a kernel built with it (distributions ship it in the kernel image or an extra-modules package)");
            default -> Check.unknown(id, title, kernel.release()
                    .map(value -> "not loaded, and no %s/modules.dep under the root to tell whether it can be".formatted(KernelModules.directory(value)))
                    .orElse("not loaded, and no " + KernelModules.OSRELEASE + " under the root to find the kernel's module list"));
        };
    }
}
