package io.libvfio.runtime.vm;

import io.libvfio.api.HostInventory;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.discovery.HostDiscovery;
import io.libvfio.runtime.discovery.PciIdsDatabase;
import io.libvfio.runtime.host.CpuAffinity;
import io.libvfio.runtime.host.DetachedLauncher;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.host.LibcAttributeWriter;
import io.libvfio.runtime.host.LocalHostFs;
import io.libvfio.runtime.host.ProcessCommandRunner;
import io.libvfio.runtime.host.RuntimeDirectories;
import io.libvfio.runtime.vm.gpu.VgpuProvider;
import io.libvfio.runtime.vm.spec.GpuSlotRequest;
import io.libvfio.runtime.vm.spec.VmName;
import io.libvfio.runtime.vm.spec.VmSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/** VM specs and hosts for the lifecycle tests. */
final class TestVms
{
    private TestVms()
    {
    }

    /** A VM with no disk, no network, SeaBIOS, 64 MiB, headless: the cheapest QEMU that runs. */
    static VmSpec bare(String name, Path source)
    {
        return new VmSpec(new VmName(name), new VmSpec.Machine(64, 1, 1, 1, true, VmSpec.Firmware.BIOS, false, VmSpec.Accel.TCG),
                new VmSpec.Storage(Optional.empty(), List.of(), Optional.empty(), VmSpec.DiskBus.VIRTIO),
                new VmSpec.Network(false, VmSpec.NicModel.VIRTIO, false, OptionalInt.empty(), List.of(), false),
                new VmSpec.Display(false, OptionalInt.empty(), false, OptionalInt.empty(), true),
                new VmSpec.Introspection(Optional.empty(), false, VmSpec.Audio.NONE, false),
                List.of(), List.of(), VmSpec.Hooks.none(), source, Map.of());
    }

    static VmSpec withSpice(VmSpec spec)
    {
        return spec.withDisplay(new VmSpec.Display(true, OptionalInt.empty(), false, OptionalInt.empty(), true));
    }

    static VmSpec withGpu(VmSpec spec, GpuSlotRequest request)
    {
        return spec.withGpus(List.of(request));
    }

    static VmSpec withRaw(VmSpec spec, List<String> raw, int memoryMib)
    {
        return new VmSpec(spec.name(), new VmSpec.Machine(memoryMib, 1, 1, 1, true, VmSpec.Firmware.BIOS, false, VmSpec.Accel.TCG),
                spec.storage(), spec.network(), spec.display(), spec.introspection(), spec.gpus(), raw, spec.hooks(), spec.source(), spec.origins());
    }

    /** A minimal host root (an empty PCI bus) in {@code root}. */
    static Path emptyRoot(Path root)
            throws IOException
    {
        Files.createDirectories(root.resolve("sys/bus/pci/devices"));
        return root;
    }

    static VmHost host(Path root, VgpuProvider vgpus)
    {
        HostPaths paths = HostPaths.of(root);
        return host(paths, new LocalHostFs(paths, new LibcAttributeWriter()), vgpus);
    }

    static VmHost host(HostPaths paths, HostFs fs, VgpuProvider vgpus)
    {
        HostDiscovery discovery = new HostDiscovery(fs, PciIdsDatabase.loader(List.of(paths.root())));
        Supplier<HostInventory> inventory = discovery::discover;
        return new VmHost(paths, fs, RuntimeDirectories.forRoot(paths.root()), new ProcessCommandRunner(),
                new DetachedLauncher(), new CpuAffinity(), vgpus, inventory, Clock.systemUTC(), RealQemu.requireQemu());
    }
}
