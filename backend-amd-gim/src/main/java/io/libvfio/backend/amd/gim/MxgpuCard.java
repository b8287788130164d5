package io.libvfio.backend.amd.gim;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The AMD cards with MxGPU (SR-IOV through GIM), by PF device id. The short name is the GIM GPU
 * type LibVF.IO configurations name in {@code acceptableTypes} (e.g. {@code [S7150]}). VRAM is per
 * GPU (an S7150 x2 is two 0x6929 GPUs of 8 GiB). 0x6929 (S7150) is confirmed by GIM's id table and
 * 0x74a1, 0x740f by AMD's GIM release notes; the V710 is PF 0x7460 with VFs 0x7461 (AMD SMI's device
 * table); the others are UNCONFIRMED (pci.ids and product pages only).
 *
 * @param deviceId the PF's PCI device id
 * @param shortName the GIM type name
 * @param model the product name
 * @param vramMib VRAM per GPU in MiB
 * @param generation the GIM driver that serves it
 */
record MxgpuCard(int deviceId, String shortName, String model, long vramMib, GimGeneration generation)
{
    private static final List<MxgpuCard> KNOWN = List.of(
            new MxgpuCard(0x6929, "S7150", "AMD FirePro S7150", 8 * 1024, GimGeneration.LEGACY),
            new MxgpuCard(0x6860, "MI25", "AMD Radeon Instinct MI25", 16 * 1024, GimGeneration.LEGACY),
            new MxgpuCard(0x6864, "V340", "AMD Radeon Pro V340", 16 * 1024, GimGeneration.LEGACY),
            new MxgpuCard(0x740f, "MI210", "AMD Instinct MI210", 64 * 1024, GimGeneration.OPEN),
            new MxgpuCard(0x74a1, "MI300X", "AMD Instinct MI300X", 192 * 1024, GimGeneration.OPEN),
            new MxgpuCard(0x74a5, "MI325X", "AMD Instinct MI325X", 256 * 1024, GimGeneration.OPEN),
            new MxgpuCard(0x75a0, "MI350X", "AMD Instinct MI350X", 288 * 1024, GimGeneration.OPEN),
            new MxgpuCard(0x75a3, "MI355X", "AMD Instinct MI355X", 288 * 1024, GimGeneration.OPEN),
            new MxgpuCard(0x7460, "V710", "AMD Radeon PRO V710", 28 * 1024, GimGeneration.OPEN));

    MxgpuCard
    {
        requireNonNull(shortName, "shortName is null");
        requireNonNull(model, "model is null");
        requireNonNull(generation, "generation is null");
    }

    static Optional<MxgpuCard> of(int deviceId)
    {
        return KNOWN.stream().filter(card -> card.deviceId == deviceId).findFirst();
    }
}
