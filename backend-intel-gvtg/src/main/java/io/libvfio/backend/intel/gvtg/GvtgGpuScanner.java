package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.Gpu;
import io.libvfio.api.HostInventory;
import io.libvfio.api.Mechanism;
import io.libvfio.api.MdevParent;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.VgpuType;
import io.libvfio.api.spi.BackendContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Looks at every Intel GPU (display-class PFs of vendor 0x8086) and works out whether GVT-g can
 * share it: types from its i915 mdev parent, or the reason why not, from the platform and the
 * i915/kvmgt module state.
 */
final class GvtgGpuScanner
{
    private final BackendContext context;

    GvtgGpuScanner(BackendContext context)
    {
        this.context = context;
    }

    static boolean isIntelGpu(PciDevice device)
    {
        return device.vendorId() == PciDevice.VENDOR_INTEL && device.isDisplayController() && !device.isVirtualFunction();
    }

    List<GvtgGpu> scan()
    {
        HostInventory inventory = context.inventory();
        // Loops, not streams: this runs at every start-up, mostly on hosts without an Intel GPU.
        List<PciDevice> devices = new ArrayList<>();
        for (PciDevice device : inventory.gpus()) {
            if (isIntelGpu(device)) {
                devices.add(device);
            }
        }
        if (devices.isEmpty()) {
            return List.of();
        }
        GvtgModules modules = GvtgModules.read(context.fs());
        List<GvtgGpu> gpus = new ArrayList<>();
        for (PciDevice device : devices) {
            gpus.add(scan(inventory, device, modules));
        }
        return gpus;
    }

    Optional<GvtgGpu> scan(PciAddress address)
    {
        HostInventory inventory = context.inventory();
        return inventory.device(address).filter(GvtgGpuScanner::isIntelGpu)
                .map(device -> scan(inventory, device, GvtgModules.read(context.fs())));
    }

    private static GvtgGpu scan(HostInventory inventory, PciDevice device, GvtgModules modules)
    {
        List<String> problems = new ArrayList<>();
        inventory.warnings().stream().filter(warning -> warning.contains(device.address().toString()))
                .forEach(warning -> problems.add("host discovery: " + warning));
        Optional<MdevParent> parent = inventory.mdevParent(device.address());
        List<VgpuType> types = parent.map(found -> GvtgTypeCollector.collect(device.address(), found, problems)).orElse(List.of());
        Optional<IntelPlatform> platform = IntelPlatform.of(device.deviceId());

        Map<String, String> properties = new TreeMap<>();
        properties.put("driver", device.driver().orElse("none"));
        platform.ifPresent(known -> properties.put("platform", known.name()));
        properties.put("enable_gvt", switch (modules.enableGvt()) {
            case ON -> "Y";
            case OFF -> "N";
            case NOT_BUILT -> "not built";
            case UNKNOWN -> "unknown";
        });
        properties.put("kvmgt", modules.kvmgtLoaded() ? "loaded" : "not loaded");
        modules.enableGuc().ifPresent(guc -> properties.put("enable_guc", Integer.toString(guc)));
        properties.put("gvt_types", Integer.toString(types.size()));

        List<Mechanism> mechanisms = types.isEmpty() ? List.of() : List.of(Mechanism.MDEV);
        Optional<String> limitation;
        if (types.isEmpty()) {
            List<String> all = new ArrayList<>(problems);
            all.addAll(modules.problems());
            limitation = Optional.of(withProblems(reason(device, platform, parent, modules), all));
        }
        else {
            limitation = problems.isEmpty() ? Optional.empty() : Optional.of(withProblems("some GVT-g types were skipped", problems));
        }
        String model = device.names().device()
                .orElseGet(() -> platform.map(known -> "Intel %s graphics".formatted(known.name())).orElse(device.displayName()));
        return new GvtgGpu(new Gpu(device, model, mechanisms, limitation, properties), types, problems);
    }

    private static String reason(PciDevice device, Optional<IntelPlatform> platform, Optional<MdevParent> parent, GvtgModules modules)
    {
        if (parent.isPresent()) {
            return "no usable GVT-g type";
        }
        if (platform.isEmpty() || !platform.get().gvt()) {
            String which = platform.map(IntelPlatform::name).orElse("unknown device " + device.pciId());
            String instead = device.sriov().isPresent() || platform.filter(known -> known.generation() >= 12).isPresent()
                    ? "use SR-IOV (intel-sriov)" : "whole-GPU passthrough only";
            return "GVT-g supports Broadwell to Comet Lake only (this is %s); %s".formatted(which, instead);
        }
        if (!device.isBoundTo("i915")) {
            return "GVT-g needs the i915 driver; the GPU is bound to %s".formatted(device.driver().orElse("no driver"));
        }
        return switch (modules.enableGvt()) {
            case NOT_BUILT -> "this kernel's i915 has no GVT-g (built without CONFIG_DRM_I915_GVT); whole-GPU passthrough only";
            case OFF -> "GVT-g is off: boot with i915.enable_gvt=1 and load kvmgt";
            case UNKNOWN, ON -> {
                if (!modules.kvmgtLoaded()) {
                    yield "GVT-g has no mdev types because kvmgt is not loaded: modprobe kvmgt";
                }
                if (modules.gucSubmission()) {
                    yield "GuC submission is on (i915.enable_guc=%d) and GVT-g refuses to run with it: boot with i915.enable_guc=0"
                            .formatted(modules.enableGuc().getAsInt());
                }
                yield "GVT-g is on and kvmgt is loaded, but i915 registered no mdev types for this GPU: check dmesg for GVT-g errors"
                        + " (too small an aperture in the firmware settings?)";
            }
        };
    }

    private static String withProblems(String reason, List<String> problems)
    {
        return problems.isEmpty() ? reason : reason + ": " + String.join("; ", problems);
    }
}
