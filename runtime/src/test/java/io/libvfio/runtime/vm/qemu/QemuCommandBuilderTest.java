package io.libvfio.runtime.vm.qemu;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.Resolution;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.host.LibcAttributeWriter;
import io.libvfio.runtime.host.LocalHostFs;
import io.libvfio.runtime.host.RuntimeDirectories;
import io.libvfio.runtime.vm.gpu.AttachedVgpu;
import io.libvfio.runtime.vm.spec.VmFiles;
import io.libvfio.runtime.vm.spec.VmName;
import io.libvfio.runtime.vm.spec.VmPorts;
import io.libvfio.runtime.vm.spec.VmSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class QemuCommandBuilderTest
{
    private static final UUID UUID_1 = UUID.fromString("6f1b2c0e-8f35-4d8a-9a53-1c2d3e4f5a6b");

    @TempDir
    Path root;

    private HostPaths paths;
    private VmFiles files;

    @BeforeEach
    void setUp()
            throws IOException
    {
        Files.createDirectories(root.resolve("sys/bus/pci/devices"));
        paths = HostPaths.of(root);
        files = VmFiles.of(new VmName("win11"), RuntimeDirectories.forRoot(root), paths);
    }

    private static VmSpec spec(VmSpec.Display display, VmSpec.Introspection introspection, List<String> raw)
    {
        return new VmSpec(new VmName("win11"), new VmSpec.Machine(8192, 1, 4, 2, false, VmSpec.Firmware.UEFI, true, VmSpec.Accel.AUTO),
                new VmSpec.Storage(Optional.of(Path.of("/images/win,11.qcow2")), List.of(), Optional.of(Path.of("/isos/win11.iso")), VmSpec.DiskBus.VIRTIO),
                new VmSpec.Network(true, VmSpec.NicModel.VIRTIO, true, OptionalInt.empty(), List.of(new VmSpec.PortForward("udp", 4000, 40)), true),
                display, introspection, List.of(), raw, VmSpec.Hooks.none(), Path.of("/vms/win11.yaml"), Map.of());
    }

    private LaunchPlan plan(List<AttachedVgpu> vgpus, Optional<MemoryBacking> memory)
    {
        OvmfFirmware ovmf = new OvmfFirmware("/usr/share/qemu/firmware/60-edk2-x86_64.json", "/usr/share/OVMF/OVMF_CODE_4M.fd",
                "/usr/share/OVMF/OVMF_VARS_4M.fd", false, false);
        VmPorts ports = new VmPorts(OptionalInt.of(5901), OptionalInt.empty(), OptionalInt.of(2223), OptionalInt.of(1234),
                List.of(new VmSpec.PortForward("udp", 4000, 40)));
        return new LaunchPlan("qemu-system-x86_64", UUID_1, files, ports, Optional.of(ovmf), new AcceleratorChoice("kvm:tcg", Optional.empty()),
                vgpus, memory, true, false);
    }

    @Test
    void aFullVmIsBuiltFromTypedPartsWithEveryListenerOnLoopback()
    {
        AttachedVgpu mdev = new AttachedVgpu("c0ffee00-0000-4000-8000-000000000001", Mechanism.MDEV, io.libvfio.api.GpuId.of(PciAddress.parse("0000:3b:00.0")),
                Optional.of("/sys/bus/mdev/devices/c0ffee00-0000-4000-8000-000000000001"), Optional.empty(), "hostdev0", "nvidia-46", true);
        AttachedVgpu vf = new AttachedVgpu("0000:41:00.4", Mechanism.SRIOV_VF, io.libvfio.api.GpuId.of(PciAddress.parse("0000:41:00.0")), Optional.empty(), Optional.of(PciAddress.parse("0000:41:00.4")),
                "hostdev1", "VF", true);
        VmSpec spec = spec(new VmSpec.Display(true, OptionalInt.empty(), false, OptionalInt.empty(), true),
                new VmSpec.Introspection(Optional.of(new Resolution(1920, 1080)), false, VmSpec.Audio.SCREAM, true),
                List.of("-set", "device.hostdev0.x-pci-device-id=0x1b30"));

        List<String> argv = new QemuCommandBuilder(paths).build(spec, plan(List.of(mdev, vf), Optional.of(new MemoryBacking(1, 1048576, "/dev/hugepages")))).argv();

        assertThat(argv.get(0)).isEqualTo("qemu-system-x86_64");
        assertThat(argv).containsSequence("-machine", "q35,accel=kvm:tcg,vmport=off,dump-guest-core=off,memory-backend=ram0")
                .containsSequence("-cpu", "max,-hypervisor,kvm=off,hv-vendor-id=libvfio")
                .containsSequence("-smp", "8,sockets=1,cores=4,threads=2")
                .containsSequence("-object", "memory-backend-file,id=ram0,size=8192M,mem-path=" + root.resolve("dev/hugepages")
                        + ",share=on,prealloc=on,host-nodes=1,policy=bind")
                .containsSequence("-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + root.resolve("usr/share/OVMF/OVMF_CODE_4M.fd"))
                .containsSequence("-drive", "if=pflash,format=raw,unit=1,file=" + files.uefiVars())
                .containsSequence("-tpmdev", "emulator,id=tpm0,chardev=chrtpm")
                .containsSequence("-drive", "if=none,id=disk0,file=/images/win,,11.qcow2,format=raw,cache=none,discard=unmap")
                .containsSequence("-device", "virtio-blk-pci,drive=disk0,bootindex=1")
                .containsSequence("-netdev", "user,id=net0,hostfwd=tcp:127.0.0.1:2223-:22,hostfwd=udp:127.0.0.1:4000-:40")
                .containsSequence("-device", "vhost-vsock-pci,guest-cid=1234")
                .containsSequence("-device", "vfio-pci,id=hostdev0,sysfsdev=" + root + "/sys/bus/mdev/devices/c0ffee00-0000-4000-8000-000000000001,display=off")
                .containsSequence("-device", "vfio-pci,id=hostdev1,host=0000:41:00.4,display=off")
                .containsSequence("-object", "memory-backend-file,id=looking-glass-mem,mem-path=" + root.resolve("dev/shm/libvfio-win11-lg")
                        + ",size=32M,share=on")
                .containsSequence("-object", "memory-backend-file,id=scream-mem,mem-path=" + root.resolve("dev/shm/libvfio-win11-scream")
                        + ",size=2M,share=on")
                .containsSequence("-spice", "port=5901,addr=127.0.0.1,disable-ticketing=on")
                .containsSequence("-display", "none")
                .endsWith("-set", "device.hostdev0.x-pci-device-id=0x1b30");
        assertThat(argv).noneMatch(argument -> argument.contains("0.0.0.0"));
        assertThat(argv).doesNotContain("VGA");
    }

    @Test
    void aVmWithoutGpuGetsAnEmulatedDisplayAndVncOnLoopback()
    {
        VmSpec spec = spec(new VmSpec.Display(false, OptionalInt.empty(), true, OptionalInt.of(5912), false),
                new VmSpec.Introspection(Optional.empty(), false, VmSpec.Audio.SPICE, false), List.of());
        VmPorts ports = new VmPorts(OptionalInt.empty(), OptionalInt.of(5912), OptionalInt.empty(), OptionalInt.empty(), List.of());
        LaunchPlan plan = new LaunchPlan("qemu", UUID_1, files, ports, Optional.empty(), new AcceleratorChoice("tcg", Optional.empty()),
                List.of(), Optional.empty(), false, false);

        List<String> argv = new QemuCommandBuilder(paths).build(spec, plan).argv();

        assertThat(argv).containsSequence("-vnc", "127.0.0.1:12").containsSequence("-device", "VGA")
                .containsSequence("-audiodev", "spice,id=audio0").doesNotContain("if=pflash");
        assertThat(argv).noneMatch(argument -> argument.startsWith("vhost-vsock"));
    }

    @Test
    void valuesWithControlCharactersAreRefused()
    {
        assertThatThrownBy(() -> QemuProperties.of("file").with("path", "/tmp/a\nb"))
                .isInstanceOf(VfioException.class).hasMessageContaining("control character");
        assertThat(QemuProperties.escape("a,b,,c")).isEqualTo("a,,b,,,,c");
    }

    @Test
    void lookingGlassMemoryFollowsTheDocumentedFormula()
    {
        assertThat(LookingGlassMemory.sizeMib(new Resolution(1920, 1080), false)).isEqualTo(32);
        assertThat(LookingGlassMemory.sizeMib(new Resolution(2560, 1440), false)).isEqualTo(64);
        assertThat(LookingGlassMemory.sizeMib(new Resolution(3840, 2160), false)).isEqualTo(128);
        assertThat(LookingGlassMemory.sizeMib(new Resolution(3840, 2160), true)).isEqualTo(256);
        assertThat(LookingGlassMemory.sizeMib(new Resolution(800, 600), false)).isEqualTo(16);
    }

    @Test
    void ovmfIsFoundThroughTheFirmwareDescriptorsUnderTheRoot()
            throws IOException
    {
        Path firmware = Files.createDirectories(root.resolve("usr/share/qemu/firmware"));
        Files.writeString(firmware.resolve("50-edk2-x86_64-secure.json"), descriptor("OVMF_CODE_4M.secboot.fd", "\"secure-boot\", \"requires-smm\""));
        Files.writeString(firmware.resolve("60-edk2-x86_64.json"), descriptor("OVMF_CODE_4M.fd", "\"acpi-s3\""));
        Files.writeString(firmware.resolve("70-bios.json"), "{\"interface-types\": [\"bios\"], \"mapping\": {\"device\": \"memory\"}}");
        FirmwareDescriptors descriptors = new FirmwareDescriptors(new LocalHostFs(paths, new LibcAttributeWriter()));

        assertThat(descriptors.uefi(false)).hasValueSatisfying(found -> {
            assertThat(found.code()).isEqualTo("/usr/share/OVMF/OVMF_CODE_4M.fd");
            assertThat(found.varsTemplate()).isEqualTo("/usr/share/OVMF/OVMF_VARS_4M.fd");
            assertThat(found.secureBoot()).isFalse();
        });
        assertThat(descriptors.uefi(true)).hasValueSatisfying(found -> assertThat(found.code()).endsWith("secboot.fd"));
    }

    @Test
    void withoutDescriptorsThereIsNoUefi()
    {
        assertThat(new FirmwareDescriptors(new LocalHostFs(paths, new LibcAttributeWriter())).uefi(false)).isEmpty();
    }

    private static String descriptor(String code, String features)
    {
        return """
                {"description": "x", "interface-types": ["uefi"],
                 "mapping": {"device": "flash", "executable": {"filename": "/usr/share/OVMF/%s", "format": "raw"},
                             "nvram-template": {"filename": "/usr/share/OVMF/OVMF_VARS_4M.fd", "format": "raw"}},
                 "targets": [{"architecture": "x86_64", "machines": ["pc-i440fx-*", "pc-q35-*"]}],
                 "features": [%s], "tags": []}
                """.formatted(code, features);
    }
}
