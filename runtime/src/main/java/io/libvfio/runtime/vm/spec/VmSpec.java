package io.libvfio.runtime.vm.spec;

import io.libvfio.api.Resolution;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * What the VM lifecycle needs to know about one VM, whatever file format it came from: the
 * LibVF.IO YAML and the native format both map to this. Grouped in small records so that no
 * constructor takes twenty positional values.
 *
 * @param origins where each value came from ({@code key -> "vm.yaml:12:3"}), for error messages
 */
public record VmSpec(
        VmName name,
        Machine machine,
        Storage storage,
        Network network,
        Display display,
        Introspection introspection,
        List<GpuSlotRequest> gpus,
        List<String> rawArguments,
        Hooks hooks,
        Path source,
        Map<String, String> origins)
{
    public VmSpec
    {
        requireNonNull(name, "name is null");
        requireNonNull(machine, "machine is null");
        requireNonNull(storage, "storage is null");
        requireNonNull(network, "network is null");
        requireNonNull(display, "display is null");
        requireNonNull(introspection, "introspection is null");
        gpus = List.copyOf(requireNonNull(gpus, "gpus is null"));
        rawArguments = List.copyOf(requireNonNull(rawArguments, "rawArguments is null"));
        requireNonNull(hooks, "hooks is null");
        requireNonNull(source, "source is null");
        origins = Map.copyOf(requireNonNull(origins, "origins is null"));
    }

    /** Where a setting came from, as the VM file loader reports problems: {@code vm.yaml:12:3: spice}, or the file alone. */
    public String where(String key)
    {
        String location = origins.get(key);
        return (location == null ? source.toString() : location) + ": " + key;
    }

    public VmSpec withGpus(List<GpuSlotRequest> replaced)
    {
        return new VmSpec(name, machine, storage, network, display, introspection, replaced, rawArguments, hooks, source, origins);
    }

    public VmSpec withStorage(Storage replaced)
    {
        return new VmSpec(name, machine, replaced, network, display, introspection, gpus, rawArguments, hooks, source, origins);
    }

    public VmSpec withDisplay(Display replaced)
    {
        return new VmSpec(name, machine, storage, network, replaced, introspection, gpus, rawArguments, hooks, source, origins);
    }

    public VmSpec withIntrospection(Introspection replaced)
    {
        return new VmSpec(name, machine, storage, network, display, replaced, gpus, rawArguments, hooks, source, origins);
    }

    public VmSpec withMachine(Machine replaced)
    {
        return new VmSpec(name, replaced, storage, network, display, introspection, gpus, rawArguments, hooks, source, origins);
    }

    public enum Firmware
    {
        UEFI, BIOS
    }

    public enum Accel
    {
        /** KVM when /dev/kvm works, else TCG with a warning. */
        AUTO, KVM, TCG
    }

    /** Memory, CPUs, firmware and accelerator. */
    public record Machine(int memoryMib, int sockets, int cores, int threads, boolean showHypervisor, Firmware firmware, boolean tpm, Accel accel)
    {
        public Machine
        {
            requireNonNull(firmware, "firmware is null");
            requireNonNull(accel, "accel is null");
            if (memoryMib < 16 || sockets < 1 || cores < 1 || threads < 1) {
                throw new IllegalArgumentException("memory and CPU counts must be positive");
            }
        }

        public int vcpus()
        {
            return sockets * cores * threads;
        }
    }

    public enum DiskBus
    {
        /** virtio-blk: fast, needs the guest's virtio driver. */
        VIRTIO,
        /** AHCI (SATA): for installers without virtio drivers. */
        SATA
    }

    /** The system disk, extra disks and an installer or tools CD. */
    public record Storage(Optional<Path> disk, List<Path> extraDisks, Optional<Path> cdrom, DiskBus bus)
    {
        public Storage
        {
            requireNonNull(disk, "disk is null");
            extraDisks = List.copyOf(requireNonNull(extraDisks, "extraDisks is null"));
            requireNonNull(cdrom, "cdrom is null");
            requireNonNull(bus, "bus is null");
        }
    }

    public enum NicModel
    {
        VIRTIO("virtio-net-pci"), E1000("e1000"), RTL8139("rtl8139");

        private final String device;

        NicModel(String device)
        {
            this.device = device;
        }

        public String device()
        {
            return device;
        }
    }

    /** A host port forwarded to a guest port on user-mode networking. */
    public record PortForward(String protocol, int host, int guest)
    {
        public PortForward
        {
            if (!"tcp".equals(protocol) && !"udp".equals(protocol)) {
                throw new IllegalArgumentException("protocol must be tcp or udp: " + protocol);
            }
        }
    }

    /**
     * User-mode networking. {@code sshPort}: the host port for guest port 22; empty = chosen
     * free; {@code sshEnabled} false turns the forward off.
     */
    public record Network(boolean enabled, NicModel model, boolean sshEnabled, OptionalInt sshPort, List<PortForward> forwards, boolean vsock)
    {
        public Network
        {
            requireNonNull(model, "model is null");
            requireNonNull(sshPort, "sshPort is null");
            forwards = List.copyOf(requireNonNull(forwards, "forwards is null"));
        }
    }

    /**
     * SPICE and VNC, always on 127.0.0.1. A port that is given must be free; an empty one is
     * chosen free, unique among this host's VMs.
     */
    public record Display(boolean spice, OptionalInt spicePort, boolean vnc, OptionalInt vncPort, boolean noGraphics)
    {
        public Display
        {
            requireNonNull(spicePort, "spicePort is null");
            requireNonNull(vncPort, "vncPort is null");
        }
    }

    public enum Audio
    {
        NONE, SCREAM, SPICE
    }

    /** Looking Glass (sized from the resolution) and the audio path. */
    public record Introspection(Optional<Resolution> lookingGlass, boolean hdr, Audio audio, boolean startClients)
    {
        public Introspection
        {
            requireNonNull(lookingGlass, "lookingGlass is null");
            requireNonNull(audio, "audio is null");
        }
    }

    /** Host programs run before QEMU starts and after the VM is gone: argument lists, never a shell. */
    public record Hooks(List<List<String>> startup, List<List<String>> teardown)
    {
        public Hooks
        {
            startup = startup.stream().map(List::copyOf).toList();
            teardown = teardown.stream().map(List::copyOf).toList();
        }

        public static Hooks none()
        {
            return new Hooks(List.of(), List.of());
        }
    }
}
