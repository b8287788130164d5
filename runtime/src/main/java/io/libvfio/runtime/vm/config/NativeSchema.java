package io.libvfio.runtime.vm.config;

import java.util.List;
import java.util.Locale;

import static io.libvfio.runtime.vm.config.SchemaKey.list;
import static io.libvfio.runtime.vm.config.SchemaKey.section;
import static io.libvfio.runtime.vm.config.SchemaKey.value;

/**
 * The native VM file format, key by key, with defaults taken from the model's own defaults. The
 * loader checks keys against this tree and {@code libvfio config schema} prints it
 * ({@link #render}); the printed schema is itself a valid VM file that loads to the defaults.
 */
public final class NativeSchema
{
    /** The value of the {@code libvfio} marker key this version reads. */
    public static final int VERSION = 1;
    public static final long MAX_VSOCK_CID = Integer.MAX_VALUE;

    static final SchemaKey ROOT = root();

    private NativeSchema()
    {
    }

    private static SchemaKey root()
    {
        Machine machine = Machine.defaults();
        Display display = Display.defaults();
        Network network = Network.defaults();
        return section("", "",
                value("libvfio", Integer.toString(VERSION), "Format marker: this file is a libvfio VM file, format version " + VERSION + ". Required."),
                value("name", "~", "The VM's name, used for its state, sockets and logs: letters, digits, '_', '.', '-', at most "
                        + VmConfig.MAX_NAME_LENGTH + " characters. Default (~): the file name without .yaml."),
                value("memory", Integer.toString(machine.memoryMib()), "Guest RAM in MiB (" + Machine.MIN_MEMORY_MIB + " to " + Machine.MAX_MEMORY_MIB + ")."),
                section("cpus", "Virtual CPUs, sockets x cores x threads (at most " + CpuTopology.MAX_VCPUS + "); 'cpus: 8' is short for 1 socket of 8 cores.",
                        value("sockets", Integer.toString(machine.cpus().sockets()), "CPU sockets (1 to 64)."),
                        value("cores", Integer.toString(machine.cpus().cores()), "Cores per socket."),
                        value("threads", Integer.toString(machine.cpus().threads()), "Threads per core (1 to 8).")),
                value("accelerator", label(machine.accelerator()), "kvm, tcg, or auto (KVM when it works, else TCG with a warning naming the reason)."),
                section("firmware", "Guest firmware; 'firmware: bios' is short for type bios.",
                        value("type", label(machine.firmware().kind()), "uefi (OVMF, with a per-VM copy of its variables) or bios (SeaBIOS)."),
                        value("secureBoot", Boolean.toString(machine.firmware().secureBoot()), "UEFI Secure Boot (uefi only)."),
                        value("tpm", Boolean.toString(machine.firmware().tpm()), "A TPM 2.0 through swtpm (Windows 11 needs one).")),
                value("hugepages", label(machine.hugepages()), "auto (use free hugepages on the GPU's NUMA node), on (require them) or off."),
                value("hideHypervisor", Boolean.toString(machine.hideHypervisor()), "Hide the hypervisor from the guest (for software that refuses VMs)."),
                list("disks", "Disk images, the boot disk first; an entry is a path or a map. Paths: ~ is your home, relative paths are relative to this file.",
                        value("path", "images/vm.qcow2", "The image file (qcow2 or raw). Must exist when the VM starts."),
                        value("bus", "virtio", "virtio, or sata for installers without virtio drivers.")),
                value("iso", "~", "An installer ISO attached as a CD-ROM (~: none). Must exist when the VM starts."),
                value("sharedDirectory", "~", "A host directory given to the guest (~: none)."),
                value("initialSize", Integer.toString(Storage.DEFAULT_INITIAL_SIZE_GIB), "Size in GiB of a boot disk that 'libvfio create' makes (1 to 65536)."),
                section("network", "The network card.",
                        value("model", label(network.model()), "virtio, e1000 or rtl8139 (e1000 and rtl8139 for guests without virtio drivers)."),
                        value("mode", label(network.mode()), "user (QEMU user-mode networking), bridge (a host bridge) or none."),
                        value("bridge", "~", "The host bridge for mode bridge, such as br0."),
                        list("forwards", "Host ports forwarded to the guest (mode user only).",
                                value("host", "2222", "Host port (1024 to 65535), bound to 127.0.0.1."),
                                value("guest", "22", "Guest port (1 to 65535)."),
                                value("protocol", "tcp", "tcp or udp."))),
                value("spice", display.spice().label(), "SPICE server on 127.0.0.1: off, auto (a free port per VM) or a port (1024 to 65535)."),
                value("vnc", display.vnc().label(), "VNC server on 127.0.0.1: off, auto or a port (1024 to 65535)."),
                section("lookingGlass", "Looking Glass: the guest's frames through shared memory sized for the resolution.",
                        value("enabled", Boolean.toString(display.lookingGlass().enabled()), "Give the VM the Looking Glass shared memory device."),
                        value("resolution", display.lookingGlass().resolution(), "The largest guest resolution, WIDTHxHEIGHT (each 1 to " + LookingGlass.MAX_SIDE + ").")),
                value("audio", label(display.audio()), "scream (Scream over shared memory), spice (SPICE audio; needs spice) or none."),
                value("headless", Boolean.toString(display.headless()), "No QEMU display of its own (only the GPU, through Looking Glass, SPICE or VNC)."),
                value("startViewer", Boolean.toString(display.startViewer()), "Open the Looking Glass client and the audio receiver once the VM runs."),
                value("vsock", Allocation.auto().label(), "A virtio vsock device: off, auto (a free guest CID per VM) or a CID (3 to " + MAX_VSOCK_CID + ")."),
                list("gpus", "GPU slices for the VM.",
                        value("kind", "mdev", "mdev (a mediated device), sriov (an SR-IOV virtual function) or passthrough (a whole GPU). Required."),
                        value("mdevType", "~", "mdev: an exact type such as nvidia-63 or i915-GVTg_V5_4; when set, the sizes and suffix are not used."),
                        value("minVRam", Long.toString(GpuRequest.DEFAULT_MIN_VRAM), "mdev, sriov: the smallest acceptable framebuffer in MiB."),
                        value("maxVRam", Long.toString(GpuRequest.DEFAULT_MAX_VRAM), "mdev, sriov: the largest acceptable framebuffer in MiB (sriov: -1 for no limit)."),
                        value("suffix", "''", "mdev: the type's name must end with this, such as Q."),
                        value("parentPort", "~", "mdev: only this parent GPU, a PCI address such as 0000:01:00.0."),
                        value("acceptableTypes", "[]", "sriov: VF type names that may be used, such as [S7150] (empty: any)."),
                        value("address", "0000:01:00.0", "passthrough: the GPU's PCI address. Required for passthrough."),
                        value("devId", "hostdev0", "QEMU device id (default hostdevN for the Nth GPU), for -set device.ID.* in commands.")),
                list("commands", "Extra QEMU arguments: each entry a list of strings appended to QEMU's argv as they are, such as [-set, device.hostdev0.x-pci-device-id=0x1b30]."),
                list("startupCommands", "Host commands run before QEMU starts, without a shell; a failure aborts the start. An entry is a list of strings or a map.",
                        value("argv", "[/usr/bin/true]", "The program and its arguments."),
                        value("asRoot", "false", "Run it as root."),
                        value("background", "false", "Start it and do not wait for it.")),
                list("teardownCommands", "Host commands run after the VM is cleaned up, like startupCommands.",
                        value("argv", "[/usr/bin/true]", "The program and its arguments."),
                        value("asRoot", "false", "Run it as root."),
                        value("background", "false", "Start it and do not wait for it.")),
                list("excludedDevices", "PCI addresses never to give this VM, such as [0000:01:00.0]."));
    }

    static String label(Enum<?> value)
    {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The schema as a commented VM file with every default; it loads as it is. */
    public static String render()
    {
        StringBuilder text = new StringBuilder();
        text.append("# libvfio native VM file, format ").append(VERSION).append(": every key with its default.\n");
        text.append("# Keys may be left out; unknown keys are errors. LibVF.IO (arcd) files are read too.\n");
        render(text, ROOT.children(), "");
        return text.toString();
    }

    private static void render(StringBuilder text, List<SchemaKey> keys, String indent)
    {
        for (SchemaKey key : keys) {
            text.append(indent).append("# ").append(key.description()).append('\n');
            if (key.entry()) {
                if (!key.children().isEmpty()) {
                    text.append(indent).append("# Entry keys:\n");
                    for (SchemaKey child : key.children()) {
                        text.append(indent).append("#   ").append(child.name()).append(": ").append(child.defaultValue())
                                .append("  # ").append(child.description()).append('\n');
                    }
                }
                text.append(indent).append(key.name()).append(": []\n");
            }
            else if (key.children().isEmpty()) {
                text.append(indent).append(key.name()).append(": ").append(key.defaultValue()).append('\n');
            }
            else {
                text.append(indent).append(key.name()).append(":\n");
                render(text, key.children(), indent + "  ");
            }
        }
    }
}
