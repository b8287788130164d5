package io.libvfio.backend.intel.gvtg;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An Intel graphics platform, known by PCI device-id ranges. Only the platforms GVT-g supports
 * matter for sharing: i915's {@code is_supported_device()} accepts Broadwell, Skylake, Kaby Lake,
 * Broxton, Coffee Lake (with Whiskey Lake and Amber Lake) and Comet Lake, i.e. Gen8 to Gen9.x
 * (sysfs-spec §3; ids from the kernel's {@code i915_pciids.h}). The other entries name GPUs
 * that users ask about, so that the answer can say what they can use instead: Gen11 has neither
 * GVT-g nor SR-IOV; Gen12 and newer use SR-IOV.
 *
 * @param name the platform's name, as Intel markets it
 * @param generation the graphics generation (Xe variants 12.x count as 12, Xe2 as 20, Xe3 as 30)
 * @param gvt whether GVT-g supports it
 * @param ranges its device ids
 */
record IntelPlatform(String name, int generation, boolean gvt, List<DeviceIdRange> ranges)
{
    private static final List<IntelPlatform> KNOWN = List.of(
            new IntelPlatform("Broadwell", 8, true, List.of(DeviceIdRange.of(0x1600, 0x163f))),
            new IntelPlatform("Skylake", 9, true, List.of(DeviceIdRange.of(0x1900, 0x193f))),
            new IntelPlatform("Broxton (Apollo Lake)", 9, true, List.of(DeviceIdRange.one(0x0a84), DeviceIdRange.of(0x1a84, 0x1a85), DeviceIdRange.of(0x5a84, 0x5a85))),
            new IntelPlatform("Kaby Lake", 9, true, List.of(DeviceIdRange.of(0x5900, 0x593f), DeviceIdRange.one(0x87c0))),
            new IntelPlatform("Coffee Lake", 9, true, List.of(DeviceIdRange.of(0x3e90, 0x3eaf), DeviceIdRange.one(0x87ca))),
            new IntelPlatform("Comet Lake", 9, true, List.of(DeviceIdRange.of(0x9b00, 0x9bff))),
            new IntelPlatform("Gemini Lake", 9, false, List.of(DeviceIdRange.of(0x3184, 0x3185))),
            new IntelPlatform("Ice Lake", 11, false, List.of(DeviceIdRange.of(0x8a50, 0x8a71))),
            new IntelPlatform("Elkhart Lake / Jasper Lake", 11, false, List.of(DeviceIdRange.of(0x4541, 0x4571), DeviceIdRange.of(0x4e51, 0x4e71))),
            new IntelPlatform("Tiger Lake", 12, false, List.of(DeviceIdRange.of(0x9a40, 0x9af8))),
            new IntelPlatform("Rocket Lake", 12, false, List.of(DeviceIdRange.of(0x4c80, 0x4c9a))),
            new IntelPlatform("DG1", 12, false, List.of(DeviceIdRange.of(0x4905, 0x4909))),
            new IntelPlatform("Alder Lake", 12, false, List.of(DeviceIdRange.of(0x4600, 0x46ff))),
            new IntelPlatform("Raptor Lake", 12, false, List.of(DeviceIdRange.of(0xa700, 0xa7ff))),
            new IntelPlatform("Alchemist (Arc A-series, Data Center GPU Flex)", 12, false, List.of(DeviceIdRange.of(0x5690, 0x56ff))),
            new IntelPlatform("Ponte Vecchio (Data Center GPU Max)", 12, false, List.of(DeviceIdRange.of(0x0bd0, 0x0bdb))),
            new IntelPlatform("Meteor Lake / Arrow Lake", 12, false, List.of(DeviceIdRange.of(0x7d40, 0x7dff))),
            new IntelPlatform("Lunar Lake", 20, false, List.of(DeviceIdRange.of(0x6420, 0x64b0))),
            new IntelPlatform("Battlemage (Arc B-series)", 20, false, List.of(DeviceIdRange.of(0xe200, 0xe2ff))),
            new IntelPlatform("Panther Lake", 30, false, List.of(DeviceIdRange.of(0xb080, 0xb0ff))));

    IntelPlatform
    {
        requireNonNull(name, "name is null");
        ranges = List.copyOf(requireNonNull(ranges, "ranges is null"));
    }

    static Optional<IntelPlatform> of(int deviceId)
    {
        return KNOWN.stream().filter(platform -> platform.contains(deviceId)).findFirst();
    }

    boolean contains(int deviceId)
    {
        return ranges.stream().anyMatch(range -> range.contains(deviceId));
    }
}
