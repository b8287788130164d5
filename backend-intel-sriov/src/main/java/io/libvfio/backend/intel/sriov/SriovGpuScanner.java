package io.libvfio.backend.intel.sriov;

import io.libvfio.api.Gpu;
import io.libvfio.api.HostInventory;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.SriovInfo;
import io.libvfio.api.VgpuType;
import io.libvfio.api.spi.BackendContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Looks at every Intel GPU (display-class PFs of vendor 0x8086) and works out whether its SR-IOV
 * VFs can be shared: the SR-IOV capability and VF limit from the runtime's inventory, the PF
 * driver's state from i915's {@code prelim_iov} or xe's {@code sriov_admin}.
 */
final class SriovGpuScanner
{
    private final BackendContext context;

    SriovGpuScanner(BackendContext context)
    {
        this.context = context;
    }

    static boolean isIntelGpu(PciDevice device)
    {
        return device.vendorId() == PciDevice.VENDOR_INTEL && device.isDisplayController() && !device.isVirtualFunction();
    }

    List<SriovGpu> scan()
    {
        HostInventory inventory = context.inventory();
        // A loop, not a stream: this runs at every start-up, mostly on hosts without an Intel GPU.
        List<SriovGpu> gpus = new ArrayList<>();
        for (PciDevice device : inventory.gpus()) {
            if (isIntelGpu(device)) {
                gpus.add(scan(inventory, device));
            }
        }
        return gpus;
    }

    Optional<SriovGpu> scan(PciAddress address)
    {
        HostInventory inventory = context.inventory();
        return inventory.device(address).filter(SriovGpuScanner::isIntelGpu).map(device -> scan(inventory, device));
    }

    private SriovGpu scan(HostInventory inventory, PciDevice device)
    {
        List<String> problems = new ArrayList<>(discoveryWarnings(inventory, device));
        String model = device.names().device()
                .orElseGet(() -> XeDevice.of(device.deviceId()).map(XeDevice::name).orElse(device.displayName()));
        Map<String, String> properties = new TreeMap<>();
        properties.put("driver", device.driver().orElse("none"));
        device.sriov().ifPresent(sriov -> properties.put("vfs", "%d/%d".formatted(sriov.numVfs(), sriov.totalVfs())));

        PfState state = gate(device).map(reason -> PfState.blocked(reason, Map.of())).orElseGet(() -> read(device, problems));
        properties.putAll(state.properties());
        List<VgpuType> types = state.blocker().isPresent() ? List.of() : VfProfiles.types(device, model, state, inventory);
        List<Mechanism> mechanisms = types.isEmpty() ? List.of() : List.of(Mechanism.SRIOV_VF);
        Optional<String> limitation = state.blocker().map(reason -> withProblems(reason, problems));
        if (limitation.isEmpty() && state.memory() == MemoryKind.UNKNOWN && !properties.containsKey("memory")) {
            limitation = Optional.of(withProblems("VRAM size of %s unknown: profiles show no framebuffer; set backend.intel-sriov.%s"
                    .formatted(device.pciId(), XeSriovReader.VRAM_SETTING), problems));
        }
        else if (limitation.isEmpty() && !problems.isEmpty()) {
            limitation = Optional.of(withProblems("some SR-IOV values could not be read", problems));
        }
        Gpu gpu = new Gpu(device, model, mechanisms, limitation, properties);
        return new SriovGpu(gpu, types, problems, state.execQuantumMs());
    }

    /** Why the GPU's VFs cannot be used whatever its driver's files say. */
    private static Optional<String> gate(PciDevice device)
    {
        if (device.sriov().isEmpty()) {
            return Optional.of("this GPU has no SR-IOV capability (Intel GPU SR-IOV starts with Gen12: Alder Lake and newer iGPUs,"
                    + " Data Center GPU Flex/Max, Arc Pro B-series); Broadwell to Comet Lake iGPUs use GVT-g (intel-gvtg)");
        }
        if (!device.isBoundTo("i915") && !device.isBoundTo("xe")) {
            return Optional.of("bound to %s: SR-IOV needs the PF on i915 (i915-sriov-dkms or Intel's backports) or xe"
                    .formatted(device.driver().orElse("no driver")));
        }
        if (device.sriov().map(SriovInfo::totalVfs).orElse(0) == 0) {
            return Optional.of("SR-IOV is not enabled in the driver: set i915.max_vfs=N (or xe.max_vfs=N) and GuC submission (i915.enable_guc=3)");
        }
        return Optional.empty();
    }

    private PfState read(PciDevice device, List<String> problems)
    {
        int totalVfs = device.sriov().map(SriovInfo::totalVfs).orElse(0);
        return device.isBoundTo("xe")
                ? new XeSriovReader(context.fs(), context.config()).read(device, problems)
                : new I915IovReader(context.fs()).read(device, totalVfs, problems);
    }

    private static List<String> discoveryWarnings(HostInventory inventory, PciDevice device)
    {
        List<String> addresses = new ArrayList<>();
        addresses.add(device.address().toString());
        device.sriov().map(SriovInfo::virtualFunctions).orElse(List.of()).forEach(vf -> addresses.add(vf.toString()));
        return inventory.warnings().stream()
                .filter(warning -> addresses.stream().anyMatch(warning::contains))
                .map(warning -> "host discovery: " + warning)
                .toList();
    }

    private static String withProblems(String reason, List<String> problems)
    {
        return problems.isEmpty() ? reason : reason + ": " + String.join("; ", problems);
    }
}
