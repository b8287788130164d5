package io.libvfio.runtime.doctor;

import io.libvfio.api.spi.HostRequirement;

import java.util.ArrayList;
import java.util.List;

/**
 * The vendor drivers and their modes, as the backends require them of this host: GVT-g enabled
 * with {@code i915.enable_gvt=1}, the NVIDIA vGPU host driver present, GIM loaded and amdgpu kept
 * off its cards. Modules to load are shown by {@link KernelModulesCheck}. An unmet driver is a
 * warning (the GPU still passes through whole); an unmet setting that {@code setup} can write
 * is a failure.
 */
final class HostRequirementsCheck
        implements DoctorCheck
{
    @Override
    public String id()
    {
        return "driver";
    }

    @Override
    public String title()
    {
        return "Vendor drivers";
    }

    @Override
    public List<Check> run(DoctorHost host)
    {
        List<Check> checks = new ArrayList<>();
        for (BackendRequirements backend : host.requirements()) {
            if (backend.error().isPresent()) {
                checks.add(Check.unknown(id() + "." + backend.backend(), "Requirements of " + backend.backend(), backend.error().get()));
                continue;
            }
            for (HostRequirement requirement : backend.requirements()) {
                if (requirement.kind() != HostRequirement.Kind.LOAD_MODULE) {
                    checks.add(check(backend.backend(), requirement));
                }
            }
        }
        return checks;
    }

    private Check check(String backend, HostRequirement requirement)
    {
        String id = id() + "." + backend + "." + requirement.value().replaceAll("[^A-Za-z0-9_.=-]+", "-");
        String title = switch (requirement.kind()) {
            case KERNEL_PARAMETER -> "%s for %s".formatted(requirement.value(), requirement.purpose());
            case BLACKLIST_MODULE -> "%s kept off the GPU for %s".formatted(requirement.value(), requirement.purpose());
            case DRIVER, LOAD_MODULE -> "%s for %s".formatted(requirement.value(), requirement.purpose());
        };
        if (requirement.met()) {
            return Check.pass(id, title, requirement.state());
        }
        String fix = requirement.fix().orElse(standardFix(requirement));
        if (requirement.kind() == HostRequirement.Kind.DRIVER) {
            return Check.warn(id, title, requirement.state(), fix);
        }
        return Check.fail(id, title, requirement.state(), fix);
    }

    /** What to do about an unmet requirement of a kind {@code setup} can write. */
    static String standardFix(HostRequirement requirement)
    {
        return switch (requirement.kind()) {
            case KERNEL_PARAMETER -> "run '%s' to add %s to the boot loader's kernel command line, then reboot".formatted(Fixes.SETUP, requirement.value());
            case LOAD_MODULE -> "modprobe %s now; '%s' also loads it at every boot".formatted(requirement.value(), Fixes.SETUP);
            case BLACKLIST_MODULE -> "run '%s' to blacklist %s (modprobe.d), rebuild the initramfs and reboot".formatted(Fixes.SETUP, requirement.value());
            case DRIVER -> "install " + requirement.value();
        };
    }
}
