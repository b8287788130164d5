package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.HostRequirement;

import java.util.ArrayList;
import java.util.List;

/**
 * What a host with a GVT-g capable iGPU (Broadwell to Comet Lake) needs before i915 offers mdev
 * types (sysfs-spec §3): {@code i915.enable_gvt=1} at boot, {@code kvmgt} loaded, and GuC
 * submission off. Hosts without such an iGPU need nothing from this backend.
 */
final class GvtgRequirements
{
    private final BackendContext context;

    GvtgRequirements(BackendContext context)
    {
        this.context = context;
    }

    List<HostRequirement> list()
    {
        List<PciAddress> gpus = new ArrayList<>();
        for (PciDevice device : context.inventory().gpus()) {
            if (device.vendorId() == PciDevice.VENDOR_INTEL && IntelPlatform.of(device.deviceId()).filter(IntelPlatform::gvt).isPresent()) {
                gpus.add(device.address());
            }
        }
        if (gpus.isEmpty()) {
            return List.of();
        }
        GvtgModules modules = GvtgModules.read(context.fs());
        String purpose = "GVT-g on " + join(gpus);
        List<HostRequirement> requirements = new ArrayList<>();
        requirements.add(HostRequirement.kernelParameter("i915.enable_gvt=1", gpus, purpose, modules.enableGvt() == GvtSwitch.ON, gvtState(modules)));
        requirements.add(HostRequirement.loadModule("kvmgt", gpus, purpose, modules.kvmgtLoaded(), modules.kvmgtLoaded()
                ? "kvmgt is loaded"
                : "kvmgt is not loaded: i915 registers no GVT-g mdev types without it"));
        if (modules.gucSubmission()) {
            requirements.add(HostRequirement.kernelParameter("i915.enable_guc=0", gpus, purpose, false,
                    "GuC submission is on (i915.enable_guc=%d) and GVT-g refuses to run with it".formatted(modules.enableGuc().getAsInt())));
        }
        return requirements;
    }

    private static String gvtState(GvtgModules modules)
    {
        String state = switch (modules.enableGvt()) {
            case ON -> "GVT-g is on (i915.enable_gvt=Y)";
            case OFF -> "GVT-g is off (i915.enable_gvt=N)";
            case NOT_BUILT -> "this kernel's i915 has no GVT-g (no enable_gvt parameter: built without CONFIG_DRM_I915_GVT)";
            case UNKNOWN -> "i915.enable_gvt could not be read";
        };
        return modules.problems().isEmpty() ? state : state + ": " + String.join("; ", modules.problems());
    }

    private static String join(List<PciAddress> addresses)
    {
        List<String> names = new ArrayList<>();
        for (PciAddress address : addresses) {
            names.add(address.toString());
        }
        return String.join(", ", names);
    }
}
