package io.libvfio.backend.amd.gim;

import io.libvfio.api.Gpu;
import io.libvfio.api.HostInventory;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.SriovInfo;
import io.libvfio.api.VgpuType;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.HostFs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Looks at every AMD GPU (display-class PFs of vendor 0x1002) and works out whether GIM shares
 * it: bound to {@code gim} with the VFs GIM enabled at load (sysfs-spec §6), and GIM's settings
 * for it. The VF type itself follows {@link GimVfType}'s rules.
 */
final class GimGpuScanner
{
    private static final String PASSTHROUGH_ONLY = "AMD GPU without the GIM SR-IOV driver: AMD supports GPU sharing only on MxGPU cards"
            + " (FirePro S7150, Instinct MI, Radeon PRO V) with GIM; passthrough only";

    private final BackendContext context;

    GimGpuScanner(BackendContext context)
    {
        this.context = context;
    }

    static boolean isAmdGpu(PciDevice device)
    {
        return device.vendorId() == PciDevice.VENDOR_AMD && device.isDisplayController() && !device.isVirtualFunction();
    }

    List<GimGpu> scan()
    {
        HostInventory inventory = context.inventory();
        // A loop, not a stream: this runs at every start-up, mostly on hosts without an AMD GPU.
        List<PciDevice> amd = new ArrayList<>();
        for (PciDevice device : inventory.gpus()) {
            if (isAmdGpu(device)) {
                amd.add(device);
            }
        }
        List<GimGpu> gpus = new ArrayList<>();
        for (PciDevice device : amd) {
            gpus.add(scan(inventory, device, amd));
        }
        return gpus;
    }

    Optional<GimGpu> scan(PciAddress address)
    {
        HostInventory inventory = context.inventory();
        // A loop, not a stream: this runs at every start-up, mostly on hosts without an AMD GPU.
        List<PciDevice> amd = new ArrayList<>();
        for (PciDevice device : inventory.gpus()) {
            if (isAmdGpu(device)) {
                amd.add(device);
            }
        }
        return amd.stream().filter(device -> device.address().equals(address)).findFirst().map(device -> scan(inventory, device, amd));
    }

    private GimGpu scan(HostInventory inventory, PciDevice device, List<PciDevice> amd)
    {
        Optional<MxgpuCard> card = MxgpuCard.of(device.deviceId());
        String model = device.names().device().orElseGet(() -> card.map(MxgpuCard::model).orElse(device.displayName()));
        Map<String, String> properties = new TreeMap<>();
        properties.put("driver", device.driver().orElse("none"));
        device.sriov().ifPresent(sriov -> properties.put("vfs", "%d/%d".formatted(sriov.numVfs(), sriov.totalVfs())));
        card.ifPresent(known -> properties.put("vram_mib", Long.toString(known.vramMib())));
        if (!device.isBoundTo("gim")) {
            String reason = card.map(known -> ("%s is an MxGPU card but is bound to %s, not gim: load AMD's GIM driver (keep amdgpu off it)"
                    + " to create its VFs; passthrough only until then").formatted(known.model(), device.driver().orElse("no driver")))
                    .orElse(PASSTHROUGH_ONLY);
            return new GimGpu(new Gpu(device, model, List.of(), Optional.of(reason), properties), List.of(), List.of(), Optional.empty());
        }
        return onGim(inventory, device, amd, card, model, properties);
    }

    private GimGpu onGim(HostInventory inventory, PciDevice device, List<PciDevice> amd, Optional<MxgpuCard> card, String model,
            Map<String, String> properties)
    {
        GimGeneration generation = card.map(MxgpuCard::generation).orElseGet(this::generationFromParameters);
        GimSettingsReader reader = new GimSettingsReader(context.fs());
        GimSettings settings = switch (generation) {
            case LEGACY -> reader.legacy();
            case OPEN -> reader.open(gimIndex(device, amd));
        };
        List<String> problems = settings.problems();
        properties.put("gim", generation.description());
        settings.values().forEach((key, value) -> properties.put(key, "%d (%s)".formatted(value, settings.sources().get(key))));
        GimVfType.scheduler(generation, settings).ifPresent(name -> properties.put("scheduler", name));
        Optional<Duration> timeSlice = generation == GimGeneration.LEGACY ? Optional.of(GimVfType.timeSlice(settings)) : Optional.empty();

        List<PciAddress> vfs = device.sriov().map(SriovInfo::virtualFunctions).orElse(List.of());
        if (vfs.isEmpty()) {
            String vfNum = settings.value("vf_num").isPresent() ? Long.toString(settings.value("vf_num").getAsLong()) : "unset";
            String reason = withProblems("GIM is loaded but enabled no VFs on this GPU (vf_num=%s): check dmesg for GIM errors".formatted(vfNum), problems);
            return new GimGpu(new Gpu(device, model, List.of(), Optional.of(reason), properties), List.of(), problems, timeSlice);
        }
        long vram = card.map(MxgpuCard::vramMib).orElse(0L);
        String shortName = card.map(MxgpuCard::shortName).orElse("AMD-%04x".formatted(device.deviceId()));
        int free = (int) vfs.stream().filter(vf -> isFree(inventory, vf)).count();
        VgpuType type = GimVfType.of(device.address(), shortName, vram, generation, settings, vfs.size(), free);
        Optional<String> limitation = Optional.empty();
        if (vram == 0) {
            limitation = Optional.of(withProblems("VRAM size of %s unknown to this backend: the VF type shows no framebuffer".formatted(device.pciId()),
                    problems));
        }
        else if (!problems.isEmpty()) {
            limitation = Optional.of(withProblems("some GIM settings could not be read", problems));
        }
        return new GimGpu(new Gpu(device, model, List.of(Mechanism.SRIOV_VF), limitation, properties), List.of(type), problems, timeSlice);
    }

    /** For a card missing from {@link MxgpuCard}: the open-source GIM has per-GPU parameters the legacy one lacks. */
    private GimGeneration generationFromParameters()
    {
        HostFs fs = context.fs();
        boolean open = fs.exists(GimSettingsReader.PARAMETERS + "sch_policy") || fs.exists(GimSettingsReader.PARAMETERS + "pf_fb_size");
        return open ? GimGeneration.OPEN : GimGeneration.LEGACY;
    }

    /** The position of {@code device} among the GPUs GIM drives, in PCI order: its element in GIM's per-GPU arrays. */
    private static int gimIndex(PciDevice device, List<PciDevice> amd)
    {
        List<PciAddress> gim = amd.stream().filter(other -> other.isBoundTo("gim")).map(PciDevice::address).sorted().toList();
        return Math.max(0, gim.indexOf(device.address()));
    }

    /** A VF no one holds: not handed out (no {@code driver_override}, see {@link GimVfs}), and unbound or on vfio-pci waiting for a VM. */
    private static boolean isFree(HostInventory inventory, PciAddress vf)
    {
        return inventory.device(vf).map(device -> device.driverOverride().isEmpty() && (device.driver().isEmpty() || device.isBoundTo("vfio-pci")))
                .orElse(false);
    }

    private static String withProblems(String reason, List<String> problems)
    {
        return problems.isEmpty() ? reason : reason + ": " + String.join("; ", problems);
    }
}
