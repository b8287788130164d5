package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.Gpu;
import io.libvfio.api.HostInventory;
import io.libvfio.api.Mechanism;
import io.libvfio.api.MdevParent;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.SriovInfo;
import io.libvfio.api.VgpuType;
import io.libvfio.api.spi.BackendContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Looks at every NVIDIA GPU of the host (display-class PFs of vendor 0x10de) and works out what
 * it offers: mdev types, vendor-VFIO VFs, or nothing, with the reason in words a user can act
 * on. Generic PCI and mdev facts come from the runtime's inventory; only NVIDIA's own files are
 * read here.
 */
final class NvidiaGpuScanner
{
    /** Present while the vGPU host driver's VFIO module is loaded. */
    static final String VGPU_HOST_MODULE = "/sys/module/nvidia_vgpu_vfio";

    private final BackendContext context;

    NvidiaGpuScanner(BackendContext context)
    {
        this.context = context;
    }

    static boolean isNvidiaGpu(PciDevice device)
    {
        return device.vendorId() == PciDevice.VENDOR_NVIDIA && device.isDisplayController() && !device.isVirtualFunction();
    }

    List<NvidiaGpu> scan()
    {
        HostInventory inventory = context.inventory();
        boolean hostDriver = context.fs().exists(VGPU_HOST_MODULE);
        List<NvidiaGpu> gpus = new ArrayList<>();
        for (PciDevice device : inventory.gpus()) {
            if (isNvidiaGpu(device)) {
                gpus.add(scan(inventory, device, hostDriver));
            }
        }
        return gpus;
    }

    Optional<NvidiaGpu> scan(PciAddress address)
    {
        HostInventory inventory = context.inventory();
        return inventory.device(address).filter(NvidiaGpuScanner::isNvidiaGpu)
                .map(device -> scan(inventory, device, context.fs().exists(VGPU_HOST_MODULE)));
    }

    private NvidiaGpu scan(HostInventory inventory, PciDevice device, boolean hostDriver)
    {
        List<String> problems = new ArrayList<>(discoveryWarnings(inventory, device));
        MdevTypeCollector mdev = new MdevTypeCollector(inventory);
        List<MdevParent> parents = mdev.parents(device);
        List<VgpuType> mdevTypes = mdev.collect(device, parents, problems);
        List<VendorVfioFunction> functions = new VendorVfioCollector(context.fs()).functions(device, problems);
        List<VgpuType> vendorTypes = VendorVfioCollector.types(device.address(), functions);

        List<Mechanism> mechanisms = new ArrayList<>();
        if (!mdevTypes.isEmpty()) {
            mechanisms.add(Mechanism.MDEV);
        }
        if (!functions.isEmpty()) {
            mechanisms.add(Mechanism.VENDOR_VFIO);
        }
        List<VgpuType> types = new ArrayList<>(mdevTypes);
        types.addAll(vendorTypes);

        Map<String, String> properties = new TreeMap<>();
        properties.put("driver", device.driver().orElse("none"));
        properties.put("vgpu_host_driver", hostDriver ? "loaded" : "not loaded");
        properties.put("framework", framework(device, parents, functions));
        properties.put("vgpu_types", Integer.toString(types.size()));
        device.sriov().ifPresent(sriov -> properties.put("vfs", "%d/%d".formatted(sriov.numVfs(), sriov.totalVfs())));
        if (!functions.isEmpty()) {
            properties.put("vfs_with_vgpu", Long.toString(functions.stream().filter(function -> !function.isFree()).count()));
        }

        Optional<String> limitation;
        if (mechanisms.isEmpty()) {
            limitation = Optional.of(withProblems(unshareableReason(device, parents, hostDriver), problems));
        }
        else if (types.isEmpty()) {
            limitation = Optional.of(withProblems("all %d vGPU VFs hold a vGPU; none can take another now".formatted(functions.size()), problems));
        }
        else {
            limitation = problems.isEmpty() ? Optional.empty() : Optional.of(withProblems("some vGPU types or VFs were skipped", problems));
        }
        Gpu gpu = new Gpu(device, model(device, vendorTypes), mechanisms, limitation, properties);
        return new NvidiaGpu(gpu, types, problems);
    }

    /**
     * The pci.ids name, or, when pci.ids is older than the card, the product its vGPU profiles
     * name ({@code NVIDIA L40S-2Q} gives {@code NVIDIA L40S}).
     */
    private static String model(PciDevice device, List<VgpuType> vendorTypes)
    {
        if (device.names().device().isPresent() || vendorTypes.isEmpty()) {
            return device.displayName();
        }
        String profile = vendorTypes.get(0).name();
        int dash = profile.lastIndexOf('-');
        return dash > 0 ? profile.substring(0, dash) : device.displayName();
    }

    /** Warnings of the runtime's discovery about this GPU or its VFs (an mdev type it had to skip, ...). */
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

    private static String framework(PciDevice device, List<MdevParent> parents, List<VendorVfioFunction> functions)
    {
        if (!functions.isEmpty()) {
            return "vendor VFIO (vGPU 17+)";
        }
        if (parents.stream().anyMatch(parent -> parent.pciAddress().filter(device.address()::equals).isPresent())) {
            return "mdev";
        }
        return parents.isEmpty() ? "none" : "mdev on SR-IOV VFs";
    }

    private static String unshareableReason(PciDevice device, List<MdevParent> parents, boolean hostDriver)
    {
        if (!parents.isEmpty()) {
            return "no usable vGPU type";
        }
        String driver = device.driver().orElse("no driver");
        if (device.isBoundTo("vfio-pci")) {
            return "bound to vfio-pci for whole-GPU passthrough: no mdev types and no vGPU VFs";
        }
        if (!hostDriver) {
            String model = device.displayName().toLowerCase(Locale.ROOT);
            String who = model.contains("geforce") || model.contains("titan") ? "consumer NVIDIA GPU" : "NVIDIA GPU";
            return "%s without the vGPU host driver (driver %s, no nvidia_vgpu_vfio module): no mdev types and no vGPU VFs; whole-GPU passthrough only"
                    .formatted(who, driver);
        }
        if (!device.isBoundTo("nvidia")) {
            return "the vGPU host driver is loaded but the GPU is bound to %s, not nvidia: no mdev types and no vGPU VFs".formatted(driver);
        }
        Optional<SriovInfo> sriov = device.sriov();
        if (sriov.isPresent() && sriov.get().totalVfs() > 0 && sriov.get().numVfs() == 0) {
            return "the vGPU host driver is loaded but SR-IOV VFs are off: enable them with /usr/lib/nvidia/sriov-manage -e %s"
                    .formatted(device.address());
        }
        if (sriov.isPresent() && sriov.get().numVfs() > 0) {
            return "%d VFs are enabled but none offers nvidia/creatable_vgpu_types or mdev types: check the vGPU host driver version"
                    .formatted(sriov.get().numVfs());
        }
        return "the vGPU host driver is loaded but offers no vGPU types for this GPU: it is not a vGPU-capable model"
                + " (GeForce cards need GVM profiles or vgpu_unlock); whole-GPU passthrough only";
    }

    private static String withProblems(String reason, List<String> problems)
    {
        return problems.isEmpty() ? reason : reason + ": " + String.join("; ", problems);
    }
}
