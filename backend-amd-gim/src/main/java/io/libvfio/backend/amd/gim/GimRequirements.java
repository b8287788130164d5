package io.libvfio.backend.amd.gim;

import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.HostRequirement;

import java.util.ArrayList;
import java.util.List;

/**
 * What a host with MxGPU cards needs (sysfs-spec §6): AMD's GIM driver on each card, and
 * {@code amdgpu} kept off them, because whichever driver binds first owns the card. Only the user
 * can install GIM; {@code libvfio setup} blacklists amdgpu unless it also drives another GPU or
 * the host's display.
 */
final class GimRequirements
{
    static final String GIM = "AMD GIM driver (gim)";
    private static final String FIX = "install and load AMD's GIM for this card: legacy GIM (GPUOpen MxGPU-Virtualization) for"
            + " FirePro S7150, MI25 and V340, open-source GIM 8+ (amd/MxGPU-Virtualization) for Instinct MI and Radeon PRO V";

    private final BackendContext context;

    GimRequirements(BackendContext context)
    {
        this.context = context;
    }

    List<HostRequirement> list()
    {
        List<PciAddress> cards = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> notOnGim = new ArrayList<>();
        List<String> onAmdgpu = new ArrayList<>();
        for (PciDevice device : context.inventory().gpus()) {
            if (!GimGpuScanner.isAmdGpu(device) || MxgpuCard.of(device.deviceId()).isEmpty()) {
                continue;
            }
            cards.add(device.address());
            names.add(device.address().toString());
            String where = "%s (%s)".formatted(device.address(), device.driver().orElse("no driver"));
            if (!device.isBoundTo("gim")) {
                notOnGim.add(where);
            }
            if (device.isBoundTo("amdgpu")) {
                onAmdgpu.add(device.address().toString());
            }
        }
        if (cards.isEmpty()) {
            return List.of();
        }
        String purpose = "MxGPU VFs on " + String.join(", ", names);
        String gimState = notOnGim.isEmpty() ? "gim drives " + String.join(", ", names) : "not on gim: " + String.join(", ", notOnGim);
        String amdgpuState = onAmdgpu.isEmpty()
                ? "amdgpu holds none of the MxGPU cards"
                : "amdgpu holds %s, so GIM cannot take %s".formatted(String.join(", ", onAmdgpu), onAmdgpu.size() == 1 ? "it" : "them");
        return List.of(
                HostRequirement.driver(GIM, cards, purpose, notOnGim.isEmpty(), gimState, FIX),
                HostRequirement.blacklistModule("amdgpu", cards, purpose, onAmdgpu.isEmpty(), amdgpuState));
    }
}
