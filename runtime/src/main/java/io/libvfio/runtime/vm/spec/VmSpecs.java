package io.libvfio.runtime.vm.spec;

import io.libvfio.api.Resolution;
import io.libvfio.runtime.plan.Policy;
import io.libvfio.runtime.vm.config.Allocation;
import io.libvfio.runtime.vm.config.Disk;
import io.libvfio.runtime.vm.config.Firmware;
import io.libvfio.runtime.vm.config.GpuRequest;
import io.libvfio.runtime.vm.config.HookCommand;
import io.libvfio.runtime.vm.config.MdevGpu;
import io.libvfio.runtime.vm.config.Network;
import io.libvfio.runtime.vm.config.PassthroughGpu;
import io.libvfio.runtime.vm.config.SourcePosition;
import io.libvfio.runtime.vm.config.SriovGpu;
import io.libvfio.runtime.vm.config.VmConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** A loaded VM file ({@link VmConfig}, LibVF.IO or native) as the lifecycle's {@link VmSpec}. */
public final class VmSpecs
{
    private VmSpecs()
    {
    }

    public static VmSpec from(VmConfig config)
    {
        VmSpec.Machine machine = new VmSpec.Machine(config.machine().memoryMib(), config.machine().cpus().sockets(), config.machine().cpus().cores(),
                config.machine().cpus().threads(), !config.machine().hideHypervisor(),
                config.machine().firmware().kind() == Firmware.Kind.UEFI ? VmSpec.Firmware.UEFI : VmSpec.Firmware.BIOS,
                config.machine().firmware().tpm(), VmSpec.Accel.valueOf(config.machine().accelerator().name()));
        List<Disk> disks = config.storage().disks();
        List<Path> extra = new ArrayList<>();
        for (int index = 1; index < disks.size(); index++) {
            extra.add(disks.get(index).path());
        }
        VmSpec.DiskBus bus = disks.isEmpty() || disks.get(0).bus() == Disk.Bus.VIRTIO ? VmSpec.DiskBus.VIRTIO : VmSpec.DiskBus.SATA;
        VmSpec.Storage storage = new VmSpec.Storage(disks.isEmpty() ? Optional.empty() : Optional.of(disks.get(0).path()), extra,
                config.storage().installIso(), bus);
        List<VmSpec.PortForward> forwards = new ArrayList<>();
        for (io.libvfio.runtime.vm.config.PortForward forward : config.network().forwards()) {
            forwards.add(new VmSpec.PortForward(forward.protocol().name().toLowerCase(java.util.Locale.ROOT), forward.hostPort(), forward.guestPort()));
        }
        VmSpec.NicModel model = switch (config.network().model()) {
            case VIRTIO -> VmSpec.NicModel.VIRTIO;
            case E1000 -> VmSpec.NicModel.E1000;
            case RTL8139 -> VmSpec.NicModel.RTL8139;
        };
        VmSpec.Network network = new VmSpec.Network(config.network().mode() != Network.Mode.NONE, model, false, OptionalInt.empty(), forwards,
                config.vsock().enabled());
        VmSpec.Display display = new VmSpec.Display(config.display().spice().enabled(), fixed(config.display().spice()),
                config.display().vnc().enabled(), fixed(config.display().vnc()), config.display().headless());
        Optional<Resolution> lookingGlass = config.display().lookingGlass().enabled()
                ? Optional.of(new Resolution(config.display().lookingGlass().width(), config.display().lookingGlass().height()))
                : Optional.empty();
        VmSpec.Introspection introspection = new VmSpec.Introspection(lookingGlass, false, VmSpec.Audio.valueOf(config.display().audio().name()),
                config.display().startViewer());
        List<GpuSlotRequest> gpus = new ArrayList<>();
        for (GpuRequest request : config.gpus()) {
            gpus.add(slot(request));
        }
        List<String> raw = new ArrayList<>();
        for (List<String> arguments : config.hooks().qemuArguments()) {
            raw.addAll(arguments);
        }
        VmSpec.Hooks hooks = new VmSpec.Hooks(argvs(config.hooks().startup()), argvs(config.hooks().teardown()));
        Map<String, String> origins = new HashMap<>();
        String file = config.source().toString();
        for (Map.Entry<String, SourcePosition> entry : config.positions().positions().entrySet()) {
            origins.put(entry.getKey(), file + ":" + entry.getValue().line() + ":" + entry.getValue().column());
        }
        return new VmSpec(new VmName(config.name()), machine, storage, network, display, introspection, gpus, raw, hooks, config.source(), origins);
    }

    private static OptionalInt fixed(Allocation allocation)
    {
        return allocation.mode() == Allocation.Mode.FIXED ? OptionalInt.of(allocation.value()) : OptionalInt.empty();
    }

    private static List<List<String>> argvs(List<HookCommand> hooks)
    {
        List<List<String>> argvs = new ArrayList<>();
        for (HookCommand hook : hooks) {
            argvs.add(hook.argv());
        }
        return argvs;
    }

    static GpuSlotRequest slot(GpuRequest request)
    {
        if (request instanceof MdevGpu mdev) {
            return new GpuSlotRequest(mdev.index(), "sysfsdev", mdev.minVramMib(), mdev.maxVramMib(), mdev.mdevType(), List.of(), mdev.suffix(),
                    mdev.parentPort().map(Object::toString), Optional.empty(), mdev.devId(), mdev.toSliceRequest(Policy.SPREAD));
        }
        if (request instanceof SriovGpu sriov) {
            return new GpuSlotRequest(sriov.index(), "sriovdev", sriov.minVramMib(), sriov.maxVramMib(), Optional.empty(), sriov.acceptableTypes(), "",
                    Optional.empty(), Optional.empty(), sriov.devId(), sriov.toSliceRequest(Policy.SPREAD));
        }
        PassthroughGpu passthrough = (PassthroughGpu) request;
        return new GpuSlotRequest(passthrough.index(), "passthrough", 0, -1, Optional.empty(), List.of(), "", Optional.empty(),
                Optional.of(passthrough.address().toString()), passthrough.devId(), Optional.empty());
    }
}
