package io.libvfio.runtime.vm.qemu;

import io.libvfio.api.Resolution;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.vm.spec.VmFiles;
import io.libvfio.runtime.vm.spec.VmPorts;
import io.libvfio.runtime.vm.spec.VmSpec;
import io.libvfio.runtime.vm.gpu.AttachedVgpu;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * Builds the QEMU argument vector of one VM from typed parts: machine (q35), firmware, CPUs and
 * memory, monitor, disks, network, vGPUs, Looking Glass and audio, displays, then the VM
 * file's raw arguments, each a separate entry. Every listener binds 127.0.0.1; every value from
 * the VM file is escaped for QEMU's option syntax.
 */
public final class QemuCommandBuilder
{
    /** Scream's IVSHMEM size (its documented default). */
    static final long SCREAM_MIB = 2;

    private final HostPaths paths;

    public QemuCommandBuilder(HostPaths paths)
    {
        this.paths = requireNonNull(paths, "paths is null");
    }

    public QemuCommandLine build(VmSpec spec, LaunchPlan plan)
    {
        QemuCommandLine.Builder argv = new QemuCommandLine.Builder(plan.qemuBinary());
        VmFiles files = plan.files();
        argv.option("-name", QemuProperties.of(spec.name().value()).with("debug-threads", "on"));
        argv.option("-uuid", plan.uuid().toString());
        machine(argv, spec, plan);
        firmware(argv, spec, plan);
        argv.flag("-nodefaults");
        argv.option("-chardev", QemuProperties.of("socket").with("id", "qmp").with("path", files.qmpSocket().toString())
                .with("server", "on").with("wait", "off"));
        argv.option("-mon", "chardev=qmp,mode=control");
        argv.option("-chardev", QemuProperties.of("file").with("id", "console").with("path", files.console().toString()));
        argv.option("-serial", "chardev:console");
        storage(argv, spec.storage());
        network(argv, spec.network(), plan.ports());
        if (plan.vhostVsock() && plan.ports().vsockCid().isPresent()) {
            argv.option("-device", QemuProperties.of("vhost-vsock-pci").with("guest-cid", plan.ports().vsockCid().getAsInt()));
        }
        for (AttachedVgpu vgpu : plan.vgpus()) {
            argv.option("-device", vfio(vgpu));
        }
        introspection(argv, spec.introspection(), files);
        display(argv, spec, plan);
        argv.raw(spec.rawArguments());
        return argv.build();
    }

    private void machine(QemuCommandLine.Builder argv, VmSpec spec, LaunchPlan plan)
    {
        VmSpec.Machine machine = spec.machine();
        QemuProperties properties = QemuProperties.of("q35").with("accel", plan.accelerator().accelerator())
                .with("vmport", "off").with("dump-guest-core", "off");
        boolean secure = plan.firmware().isPresent() && plan.firmware().get().requiresSmm();
        if (secure) {
            properties.with("smm", "on");
        }
        if (plan.memory().isPresent()) {
            properties.with("memory-backend", "ram0");
        }
        argv.option("-machine", properties);
        if (secure) {
            argv.option("-global", "driver=cfi.pflash01,property=secure,value=on");
        }
        argv.option("-cpu", cpu(machine));
        argv.option("-m", Integer.toString(machine.memoryMib()));
        argv.option("-smp", QemuProperties.of(Integer.toString(machine.vcpus())).with("sockets", machine.sockets())
                .with("cores", machine.cores()).with("threads", machine.threads()));
        if (plan.memory().isPresent()) {
            MemoryBacking memory = plan.memory().get();
            argv.option("-object", QemuProperties.of("memory-backend-file").with("id", "ram0")
                    .with("size", machine.memoryMib() + "M").with("mem-path", paths.resolve(memory.mountPoint()).toString())
                    .with("share", "on").with("prealloc", "on").with("host-nodes", memory.hostNode()).with("policy", "bind"));
        }
    }

    private static String cpu(VmSpec.Machine machine)
    {
        // "max" is the host CPU under KVM and every emulated feature under TCG, so one model serves a KVM
        // start that falls back to TCG. Hidden: no hypervisor bit and no KVM signature (LibVF.IO's
        // showhypervisor: false, for anti-cheat).
        return machine.showHypervisor() ? "max" : "max,-hypervisor,kvm=off,hv-vendor-id=libvfio";
    }

    private void firmware(QemuCommandLine.Builder argv, VmSpec spec, LaunchPlan plan)
    {
        if (plan.firmware().isPresent()) {
            OvmfFirmware firmware = plan.firmware().get();
            argv.option("-drive", QemuProperties.of("if=pflash").with("format", "raw").with("unit", 0).with("readonly", "on")
                    .with("file", paths.resolve(firmware.code()).toString()));
            argv.option("-drive", QemuProperties.of("if=pflash").with("format", "raw").with("unit", 1)
                    .with("file", plan.files().uefiVars().toString()));
        }
        if (spec.machine().tpm()) {
            argv.option("-chardev", QemuProperties.of("socket").with("id", "chrtpm").with("path", plan.files().tpmSocket().toString()));
            argv.option("-tpmdev", "emulator,id=tpm0,chardev=chrtpm");
            argv.option("-device", "tpm-crb,tpmdev=tpm0");
        }
    }

    private static void storage(QemuCommandLine.Builder argv, VmSpec.Storage storage)
    {
        int sata = 0;
        if (storage.disk().isPresent()) {
            Path disk = storage.disk().get();
            argv.option("-drive", QemuProperties.of("if=none").with("id", "disk0").with("file", disk.toString())
                    .with("format", DiskFormat.of(disk)).with("cache", "none").with("discard", "unmap"));
            if (storage.bus() == VmSpec.DiskBus.VIRTIO) {
                argv.option("-device", "virtio-blk-pci,drive=disk0,bootindex=1");
            }
            else {
                argv.option("-device", QemuProperties.of("ide-hd").with("drive", "disk0").with("bus", "ide." + sata++).with("bootindex", 1));
            }
        }
        int index = 1;
        for (Path extra : storage.extraDisks()) {
            String id = "disk" + index++;
            argv.option("-drive", QemuProperties.of("if=none").with("id", id).with("file", extra.toString()).with("format", DiskFormat.of(extra)));
            argv.option("-device", QemuProperties.of(storage.bus() == VmSpec.DiskBus.VIRTIO ? "virtio-blk-pci" : "ide-hd").with("drive", id));
        }
        if (storage.cdrom().isPresent()) {
            argv.option("-drive", QemuProperties.of("if=none").with("id", "cd0").with("media", "cdrom").with("readonly", "on")
                    .with("file", storage.cdrom().get().toString()));
            argv.option("-device", QemuProperties.of("ide-cd").with("drive", "cd0").with("bus", "ide." + (sata + 1)).with("bootindex", 2));
        }
    }

    private static void network(QemuCommandLine.Builder argv, VmSpec.Network network, VmPorts ports)
    {
        if (!network.enabled()) {
            return;
        }
        QemuProperties netdev = QemuProperties.of("user").with("id", "net0");
        if (ports.ssh().isPresent()) {
            netdev.with("hostfwd", "tcp:127.0.0.1:" + ports.ssh().getAsInt() + "-:22");
        }
        for (VmSpec.PortForward forward : ports.forwards()) {
            netdev.with("hostfwd", forward.protocol() + ":127.0.0.1:" + forward.host() + "-:" + forward.guest());
        }
        argv.option("-netdev", netdev);
        argv.option("-device", QemuProperties.of(network.model().device()).with("netdev", "net0"));
    }

    QemuProperties vfio(AttachedVgpu vgpu)
    {
        QemuProperties device = QemuProperties.of("vfio-pci").with("id", vgpu.devId());
        if (vgpu.sysfsDevice().isPresent()) {
            device.with("sysfsdev", paths.resolve(vgpu.sysfsDevice().get()).toString());
        }
        else {
            device.with("host", vgpu.hostAddress().orElseThrow().toString());
        }
        return device.with("display", "off");
    }

    private static void introspection(QemuCommandLine.Builder argv, VmSpec.Introspection introspection, VmFiles files)
    {
        if (introspection.lookingGlass().isPresent()) {
            Resolution resolution = introspection.lookingGlass().get();
            ivshmem(argv, "looking-glass", files.lookingGlassShm(), LookingGlassMemory.sizeMib(resolution, introspection.hdr()));
        }
        if (introspection.audio() == VmSpec.Audio.SCREAM) {
            ivshmem(argv, "scream", files.screamShm(), SCREAM_MIB);
        }
        else if (introspection.audio() == VmSpec.Audio.SPICE) {
            argv.option("-audiodev", "spice,id=audio0");
            argv.option("-device", "ich9-intel-hda");
            argv.option("-device", "hda-duplex,audiodev=audio0");
        }
    }

    private static void ivshmem(QemuCommandLine.Builder argv, String id, Path file, long sizeMib)
    {
        argv.option("-object", QemuProperties.of("memory-backend-file").with("id", id + "-mem").with("mem-path", file.toString())
                .with("size", sizeMib + "M").with("share", "on"));
        argv.option("-device", QemuProperties.of("ivshmem-plain").with("id", id).with("memdev", id + "-mem"));
    }

    private static void display(QemuCommandLine.Builder argv, VmSpec spec, LaunchPlan plan)
    {
        VmSpec.Display display = spec.display();
        boolean vga = !display.noGraphics() || plan.vgpus().isEmpty() || plan.safeMode();
        if (vga) {
            argv.option("-device", "VGA");
        }
        if (plan.ports().spice().isPresent()) {
            argv.option("-spice", QemuProperties.of("port=" + plan.ports().spice().getAsInt()).with("addr", "127.0.0.1")
                    .with("disable-ticketing", "on"));
            argv.option("-device", "virtio-serial-pci");
            argv.option("-chardev", "spicevmc,id=vdagent,name=vdagent");
            argv.option("-device", "virtserialport,chardev=vdagent,name=com.redhat.spice.0");
        }
        if (plan.ports().spice().isPresent() || plan.ports().vnc().isPresent()) {
            argv.option("-device", "qemu-xhci,id=usb");
            argv.option("-device", "usb-tablet");
        }
        if (plan.ports().vnc().isPresent()) {
            argv.option("-vnc", "127.0.0.1:" + (plan.ports().vnc().getAsInt() - 5900));
        }
        argv.option("-display", "none");
    }
}
