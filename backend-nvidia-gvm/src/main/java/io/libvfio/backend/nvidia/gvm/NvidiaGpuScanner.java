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
        Optional<PciDevice> device = inventory.device(address);
        if (device.isEmpty() || !isNvidiaGpu(device.get())) {
            return Optional.empty();
        }
        return Optional.of(scan(inventory, device.get(), context.fs().exists(VGPU_HOST_MODULE)));
    }

    /**
     * The mechanisms {@link #scan()} would give each NVIDIA GPU, found with as few reads as
     * possible (the first usable mdev type, the first usable vGPU VF): what the probe reports.
     */
    List<List<Mechanism>> mechanisms()
    {
        HostInventory inventory = context.inventory();
        VendorVfioCollector vendorVfio = new VendorVfioCollector(context.fs());
        List<List<Mechanism>> result = new ArrayList<>();
        for (PciDevice device : inventory.gpus()) {
            if (isNvidiaGpu(device)) {
                MdevTypeCollector mdev = new MdevTypeCollector(inventory);
                List<Mechanism> mechanisms = new ArrayList<>();
                if (mdev.anyType(mdev.parents(device))) {
                    mechanisms.add(Mechanism.MDEV);
                }
                if (vendorVfio.anyFunction(device)) {
                    mechanisms.add(Mechanism.VENDOR_VFIO);
                }
                result.add(mechanisms);
            }
        }
        return result;
    }

    private NvidiaGpu scan(HostInventory inventory, PciDevice device, boolean hostDriver)
    {
        List<String> problems = discoveryWarnings(inventory, device);
        MdevTypeCollector mdev = new MdevTypeCollector(inventory);
        List<MdevParent> parents = mdev.parents(device);
        List<VgpuType> mdevTypes = mdev.collect(device, parents, problems);
        List<VendorVfioFunction> functions = new VendorVfioCollector(context.fs()).functions(device, problems);
        VendorVfioCollector.Summary vendorTypes = VendorVfioCollector.summary(functions);

        List<Mechanism> mechanisms = new ArrayList<>();
        if (!mdevTypes.isEmpty()) {
            mechanisms.add(Mechanism.MDEV);
        }
        if (!functions.isEmpty()) {
            mechanisms.add(Mechanism.VENDOR_VFIO);
        }
        int types = mdevTypes.size() + vendorTypes.types();

        Map<String, String> properties = new TreeMap<>();
        properties.put("driver", device.driver().orElse("none"));
        properties.put("vgpu_host_driver", hostDriver ? "loaded" : "not loaded");
        properties.put("framework", framework(device, parents, functions));
        properties.put("vgpu_types", Integer.toString(types));
        if (device.sriov().isPresent()) {
            properties.put("vfs", device.sriov().get().numVfs() + "/" + device.sriov().get().totalVfs());
        }
        if (!functions.isEmpty()) {
            int holding = 0;
            for (VendorVfioFunction function : functions) {
                holding += function.isFree() ? 0 : 1;
            }
            properties.put("vfs_with_vgpu", Integer.toString(holding));
        }

        Optional<String> limitation;
        if (mechanisms.isEmpty()) {
            limitation = Optional.of(withProblems(unshareableReason(device, parents, hostDriver), problems));
        }
        else if (types == 0) {
            limitation = Optional.of(withProblems("all " + functions.size() + " vGPU VFs hold a vGPU; none can take another now", problems));
        }
        else {
            limitation = problems.isEmpty() ? Optional.empty() : Optional.of(withProblems("some vGPU types or VFs were skipped", problems));
        }
        Gpu gpu = new Gpu(device, model(device, vendorTypes.firstName()), mechanisms, limitation, properties);
        return new NvidiaGpu(gpu, mdevTypes, functions, problems);
    }

    /**
     * The pci.ids name, or, when pci.ids is older than the card, the product its vGPU profiles
     * name ({@code NVIDIA L40S-2Q} gives {@code NVIDIA L40S}): {@code firstProfile} is the
     * lowest-numbered vendor-VFIO type's name, null when there is none.
     */
    private static String model(PciDevice device, String firstProfile)
    {
        if (device.names().device().isPresent() || firstProfile == null) {
            return device.displayName();
        }
        int dash = firstProfile.lastIndexOf('-');
        return dash > 0 ? firstProfile.substring(0, dash) : device.displayName();
    }

    /** Warnings of the runtime's discovery about this GPU or its VFs (an mdev type it had to skip, ...). */
    private static List<String> discoveryWarnings(HostInventory inventory, PciDevice device)
    {
        List<String> problems = new ArrayList<>();
        if (inventory.warnings().isEmpty()) {
            return problems;
        }
        List<String> addresses = new ArrayList<>();
        addresses.add(device.address().toString());
        if (device.sriov().isPresent()) {
            for (PciAddress vf : device.sriov().get().virtualFunctions()) {
                addresses.add(vf.toString());
            }
        }
        for (String warning : inventory.warnings()) {
            for (String address : addresses) {
                if (warning.contains(address)) {
                    problems.add("host discovery: " + warning);
                    break;
                }
            }
        }
        return problems;
    }

    private static String framework(PciDevice device, List<MdevParent> parents, List<VendorVfioFunction> functions)
    {
        if (!functions.isEmpty()) {
            return "vendor VFIO (vGPU 17+)";
        }
        for (MdevParent parent : parents) {
            if (parent.pciAddress().isPresent() && parent.pciAddress().get().equals(device.address())) {
                return "mdev";
            }
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
            return who + " without the vGPU host driver (driver " + driver
                    + ", no nvidia_vgpu_vfio module): no mdev types and no vGPU VFs; whole-GPU passthrough only";
        }
        if (!device.isBoundTo("nvidia")) {
            return "the vGPU host driver is loaded but the GPU is bound to " + driver + ", not nvidia: no mdev types and no vGPU VFs";
        }
        Optional<SriovInfo> sriov = device.sriov();
        if (sriov.isPresent() && sriov.get().totalVfs() > 0 && sriov.get().numVfs() == 0) {
            return "the vGPU host driver is loaded but SR-IOV VFs are off: enable them with /usr/lib/nvidia/sriov-manage -e " + device.address();
        }
        if (sriov.isPresent() && sriov.get().numVfs() > 0) {
            return sriov.get().numVfs() + " VFs are enabled but none offers nvidia/creatable_vgpu_types or mdev types: check the vGPU host driver version";
        }
        return "the vGPU host driver is loaded but offers no vGPU types for this GPU: it is not a vGPU-capable model"
                + " (GeForce cards need GVM profiles or vgpu_unlock); whole-GPU passthrough only";
    }

    private static String withProblems(String reason, List<String> problems)
    {
        return problems.isEmpty() ? reason : reason + ": " + String.join("; ", problems);
    }
}
