package io.libvfio.runtime.vm.config;

import io.libvfio.api.ErrorCategory;
import io.libvfio.api.PciAddress;
import io.libvfio.api.VfioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The native format, the safety limits, and every kind of bad input with its position. */
final class VmConfigLoaderTest
{
    static final String NIM_HEADER = "%YAML 1.2\n%TAG !n! tag:nimyaml.org,2016:\n--- !n!custom:Config\n";
    private static final ConfigPaths PATHS = new ConfigPaths(Path.of("/"), Path.of("/home/alice"));
    private static final Path FILE = Path.of("/vms/vm.yaml");

    private static ConfigCheck check(String yaml)
    {
        return new VmConfigLoader(PATHS).check(FILE, new StringReader(yaml));
    }

    private static VmConfig load(String yaml)
    {
        return VmConfigLoader.orThrow(check(yaml));
    }

    @Test
    void aNativeFileMapsEveryKey()
    {
        VmConfig config = load("""
                libvfio: 1
                name: win11
                memory: 16384
                cpus: {sockets: 1, cores: 6, threads: 2}
                accelerator: kvm
                firmware: {type: uefi, secureBoot: true, tpm: true}
                hugepages: on
                hideHypervisor: true
                disks:
                  - images/win11.qcow2
                  - {path: ~/data.raw, bus: sata}
                iso: /isos/Win11.iso
                sharedDirectory: ~/share
                initialSize: 80
                network: {model: e1000, mode: user, forwards: [{host: 3389, guest: 3389}, {host: 5353, guest: 53, protocol: udp}]}
                spice: 5930
                vnc: auto
                lookingGlass: {enabled: true, resolution: 2560x1440}
                audio: scream
                headless: true
                startViewer: true
                vsock: 42
                gpus:
                  - {kind: mdev, mdevType: nvidia-63, parentPort: '0000:41:00.0', devId: gpu0}
                  - {kind: sriov, acceptableTypes: [S7150], minVRam: 0, maxVRam: -1}
                  - {kind: passthrough, address: '0000:81:00.0'}
                commands:
                  - [-set, device.gpu0.x-pci-device-id=0x1b30]
                startupCommands:
                  - [/usr/bin/logger, starting]
                  - {argv: [/usr/sbin/smbd, -F], asRoot: true, background: true}
                teardownCommands: []
                excludedDevices: ['0000:01:00.0']
                """);

        assertThat(config.name()).isEqualTo("win11");
        assertThat(config.format()).isEqualTo(ConfigFormat.NATIVE);
        assertThat(config.machine()).isEqualTo(new Machine(16384, new CpuTopology(1, 6, 2), Accelerator.KVM, new Firmware(Firmware.Kind.UEFI, true, true),
                Hugepages.ON, true));
        assertThat(config.storage()).isEqualTo(new Storage(List.of(new Disk(Path.of("/vms/images/win11.qcow2"), Disk.Bus.VIRTIO),
                new Disk(Path.of("/home/alice/data.raw"), Disk.Bus.SATA)), Optional.of(Path.of("/isos/Win11.iso")), Optional.of(Path.of("/home/alice/share")), 80));
        assertThat(config.network()).isEqualTo(new Network(Network.Model.E1000, Network.Mode.USER, Optional.empty(),
                List.of(new PortForward(PortForward.Protocol.TCP, 3389, 3389), new PortForward(PortForward.Protocol.UDP, 5353, 53))));
        assertThat(config.display()).isEqualTo(new Display(Allocation.fixed(5930), Allocation.auto(), new LookingGlass(true, 2560, 1440), Audio.SCREAM, true, true));
        assertThat(config.vsock()).isEqualTo(Allocation.fixed(42));
        assertThat(config.gpus()).containsExactly(
                new MdevGpu(0, 1000, 2000, "", Optional.of("nvidia-63"), Optional.of(PciAddress.parse("0000:41:00.0")), "gpu0"),
                new SriovGpu(1, 0, -1, List.of("S7150"), "hostdev1"),
                new PassthroughGpu(2, PciAddress.parse("0000:81:00.0"), "hostdev2"));
        assertThat(config.hooks()).isEqualTo(new Hooks(List.of(List.of("-set", "device.gpu0.x-pci-device-id=0x1b30")),
                List.of(new HookCommand(List.of("/usr/bin/logger", "starting"), false, false), new HookCommand(List.of("/usr/sbin/smbd", "-F"), true, true)),
                List.of()));
        assertThat(config.excludedDevices()).containsExactly(PciAddress.parse("0000:01:00.0"));
        assertThat(config.positions().at("installIso")).isEqualTo(new SourcePosition("iso", 12, 1));
        assertThat(config.positions().at("disks[1]")).isEqualTo(new SourcePosition("disks[1]", 11, 5));
        assertThat(config.positions().at("gpus[2].address").line()).isEqualTo(26);
        assertThat(config.positions().at("vnc")).isEqualTo(new SourcePosition("vnc", 17, 1));
    }

    @Test
    void theSchemaIsAVmFileThatLoadsToTheDefaults(@TempDir Path directory)
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("defaults.yaml"), NativeSchema.render());

        VmConfig config = new VmConfigLoader(PATHS).load(file);

        assertThat(config.name()).isEqualTo("defaults");
        assertThat(config.machine()).isEqualTo(Machine.defaults());
        assertThat(config.storage()).isEqualTo(Storage.defaults());
        assertThat(config.network()).isEqualTo(Network.defaults());
        assertThat(config.display()).isEqualTo(Display.defaults());
        assertThat(config.vsock()).isEqualTo(Allocation.auto());
        assertThat(config.gpus()).isEmpty();
        assertThat(config.hooks()).isEqualTo(Hooks.none());
        assertThat(NativeSchema.render()).contains("memory: 8192", "spice: auto", "vnc: off", "resolution: 1920x1080", "#   kind: mdev");
    }

    @Test
    void theSmallestNativeFileTakesItsNameFromTheFile()
    {
        VmConfig config = load("libvfio: 1\ncpus: 2\nfirmware: bios\n");
        assertThat(config.name()).isEqualTo("vm");
        assertThat(config.machine().cpus()).isEqualTo(new CpuTopology(1, 2, 1));
        assertThat(config.machine().firmware()).isEqualTo(new Firmware(Firmware.Kind.BIOS, false, false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "libvfio: 1\\nmemmory: 4096                       | 2:1: memmory: unknown key; did you mean 'memory'?",
            "libvfio: 2                                        | 1:10: libvfio: this libvfio reads format 1, not '2'",
            "libvfio: 1\\nmemory: 32                          | 2:9: memory: 32 is out of range (64 to 16777216 MiB)",
            "libvfio: 1\\nmemory: lots                        | 2:9: memory: expected a whole number MiB, not 'lots'",
            "libvfio: 1\\ncpus: {sockets: 64, cores: 64}      | 2:7: cpus: sockets x cores x threads = 4096 vCPUs, more than 1024",
            "libvfio: 1\\nspice: 80                           | 2:8: spice: 80 is out of range (1024 to 65535)",
            "libvfio: 1\\nvnc: maybe                          | 2:6: vnc: expected off, auto or a number from 1024 to 65535, not 'maybe'",
            "libvfio: 1\\nspice: off                          | 2:1: spice: audio spice needs spice (set spice to auto or a port, or audio to scream or none)",
            "libvfio: 1\\naudio: scraem                       | 2:8: audio: expected scream, spice, none, not 'scraem'; did you mean 'scream'?",
            "libvfio: 1\\nname: ../etc                        | 2:7: name: '../etc' is not a VM name (letters, digits, '_', '.', '-', at most 64)",
            "libvfio: 1\\niso: 'a,b.iso'                      | 2:6: iso: 'a,b.iso' contains ',', which QEMU options cannot take; rename the file",
            "libvfio: 1\\nlookingGlass: {resolution: big}     | 2:28: lookingGlass.resolution: 'big' is not a resolution WIDTHxHEIGHT such as 1920x1080 (each 1 to 16384)",
            "libvfio: 1\\ngpus: [{kind: mdev, minVRam: 4000, maxVRam: 100}] | 2:36: gpus[0].maxVRam: maxVRam 100 is below minVRam 4000 (MiB)",
            "libvfio: 1\\ngpus: [{kind: mdev, maxVRam: -1}]  | 2:30: gpus[0].maxVRam: -1 is out of range (0 to 16777216 MiB)",
            "libvfio: 1\\ngpus: [{kind: mdev, parentPort: zz}] | 2:33: gpus[0].parentPort: 'zz' is not a PCI address such as 0000:01:00.0",
            "libvfio: 1\\ngpus: [{kind: mdev, address: '01:00.0'}] | 2:21: gpus[0].address: does not apply to a mdev GPU",
            "libvfio: 1\\ngpus: [{kind: passthrough}]        | 2:8: gpus[0]: a passthrough GPU needs its address (a PCI address such as 0000:01:00.0)",
            "libvfio: 1\\ngpus: [{kind: mdev, devId: 'a b'}] | 2:28: gpus[0].devId: 'a b' is not a QEMU device id: a letter, then letters, digits, '_', '.', '-'",
            "libvfio: 1\\ngpus: [{kind: mdev}, {kind: mdev, devId: hostdev0}] | 2:35: gpus[1].devId: devId 'hostdev0' is used by another GPU of this VM",
            "libvfio: 1\\ncommands: ['-vga none']             | 2:12: commands[0]: expected a list of strings such as [\"-set\", \"device.hostdev0.x-pci-device-id=0x1b30\"], not '-vga none'",
            "libvfio: 1\\ncommands: [[-set, {a: 1}]]          | 2:19: commands[0][1]: expected a string, not a map",
            "libvfio: 1\\nstartupCommands: [{argv: [x], asroot: true}] | 2:31: startupCommands[0].asroot: unknown key; did you mean 'asRoot'?",
            "libvfio: 1\\nnetwork: {mode: bridge}             | 2:11: network.mode: mode bridge needs bridge (the host bridge, such as br0)",
            "libvfio: 1\\nnetwork: {forwards: [{host: 80, guest: 80}]} | 2:29: network.forwards[0].host: 80 is out of range (1024 to 65535)",
            "libvfio: 1\\nfirmware: {type: bios, secureBoot: true} | 2:24: firmware.secureBoot: Secure Boot needs type uefi",
            "libvfio: 1\\nmemory: 1024\\nmemory: 2048         | 3:1: memory: given twice (first at line 2)",
            "libvfio: 1\\nb: !foo x                           | 2:4: (tag): tag !foo is not allowed: VM files hold plain maps, lists and values",
            "libvfio: 1\\nmemory: [1                          | 2:11: (yaml): not valid YAML: expected ',' or ']', but got <stream end>",
            "- just a list                                     | 1:1: expected a map of settings, not a list"})
    void badNativeInputIsReportedWhereItIs(String yaml, String expected)
    {
        ConfigCheck check = check(yaml.replace("\\n", "\n"));
        assertThat(check.ok()).isFalse();
        assertThat(check.problems().get(0).render("vm.yaml")).isEqualTo("vm.yaml:" + expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "cpus: {cores: 4, ramAlloc: 1}                      | 4:28: cpus.ramAlloc: 1 is out of range (64 to 16777216 MiB)",
            "spicePort: 80                                      | 4:12: spicePort: 80 is out of range (1024 to 65535)",
            "sshPort: 22                                        | 4:10: sshPort: 22 is out of range (1024 to 65535, or -1 for off)",
            "showhypervisr: false                               | 4:1: showhypervisr: unknown key; did you mean 'showhypervisor'?",
            "gpus: [ [ {gpuType: usb} ] ]                       | 4:21: gpus[0].gpuType: expected sysfsdev, sriovdev, passthrough, not 'usb'",
            "gpus: [ [ {minVRam: 1} ] ]                         | 4:9: gpus[0]: gpuType is required (sysfsdev, sriovdev, passthrough)",
            "gpus: [ [ {gpuType: sysfsdev}, {gpuType: sriovdev} ] ] | 4:33: gpus[0].gpuType: given twice (first at line 4)",
            "gpus: [ [ {gpuType: sysfsdev, minVRam: 1} ] ]      | 4:11: gpus[0]: expected a one-key map such as {minVRam: 1000}, not a map",
            "gpus: [ [ {gpuType: sysfsdev}, {minVRam: lots} ] ] | 4:42: gpus[0].minVRam: expected a whole number MiB, not 'lots'",
            "gpus: [ [ {gpuType: sysfsdev}, {acceptableTypes: [S7150]} ] ] | 4:33: gpus[0].acceptableTypes: does not apply to a sysfsdev GPU",
            "gpus: [ [ {gpuType: passthrough}, {bdf: 'slot one'} ] ] | 4:41: gpus[0].bdf: 'slot one' is not a PCI address such as 0000:01:00.0",
            "gpus: {gpuType: sysfsdev}                          | 4:7: gpus: expected a list, not a map",
            "commands: [ {arg: -set, values: [1, [2]]} ]        | 4:37: commands[0].values[1]: expected a string, not a list",
            "commands: [ [-set, x] ]                            | 4:13: commands[0]: expected a map of settings, not a list",
            "container: {kernel: ../../etc/shadow}              | 4:21: container.kernel: '../../etc/shadow' is not a plain file name (no '/' or ',')",
            "container: {state: []}                             | 4:12: container: kernel is required (the disk image's file name in <root>/kernel/, such as windows.arc)",
            "startupCommands: [ {is_root: yes, list: []} ]      | 4:30: startupCommands[0].is_root: expected true or false, not 'yes'",
            "blacklistedPci: [ nope ]                           | 4:1: blacklistedPci: 'nope' is not a PCI address such as 0000:01:00.0",
            "connectivity: {exposedPorts: [ {guest: 80} ]}      | 4:32: connectivity.exposedPorts[0]: host is required (a port number)"})
    void badLibvfioInputIsReportedWhereItIs(String yaml, String expected)
    {
        ConfigCheck check = check(NIM_HEADER + yaml);
        assertThat(check.ok()).isFalse();
        assertThat(check.problems().get(0).render("vm.yaml")).isEqualTo("vm.yaml:" + expected);
    }

    @Test
    void everyProblemIsReportedInFileOrderAndLoadNamesTheFirst()
    {
        String yaml = "libvfio: 1\nmemory: 1\nspice: 2\nvnc: 3\n";
        assertThat(check(yaml).problems()).extracting(problem -> problem.position().line()).containsExactly(2, 3, 4);
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(VfioException.class)
                .hasMessage("/vms/vm.yaml:2:9: memory: 1 is out of range (64 to 16777216 MiB) (and 2 more; run 'libvfio config check /vms/vm.yaml')")
                .extracting(error -> ((VfioException) error).category()).isEqualTo(ErrorCategory.CONFIG);
    }

    @Test
    void aliasBombsAndDeepNestingAreRefused()
    {
        StringBuilder bomb = new StringBuilder("libvfio: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level < 10; level++) {
            bomb.append("a").append(level).append(": &a").append(level).append(" [");
            for (int copy = 0; copy < 10; copy++) {
                bomb.append(copy == 0 ? "" : ", ").append("*a").append(level - 1);
            }
            bomb.append("]\n");
        }
        assertThat(check(bomb.toString()).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.render("vm.yaml")).startsWith("vm.yaml:1:1: (yaml): refused: ").contains("aliases"));

        String deep = "libvfio: 1\ncommands: " + "[".repeat(200) + "]".repeat(200) + "\n";
        assertThat(check(deep).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.render("vm.yaml")).startsWith("vm.yaml:").contains("(yaml)").containsIgnoringCase("nesting"));
    }

    @Test
    void oversizedMissingAndBinaryFilesAreRefused(@TempDir Path directory)
            throws IOException
    {
        VmConfigLoader loader = new VmConfigLoader(PATHS);
        Path big = Files.writeString(directory.resolve("big.yaml"), "libvfio: 1\n" + "# padding\n".repeat(30_000));
        assertThat(loader.check(big).problems()).singleElement().satisfies(problem ->
                assertThat(problem.render("big.yaml")).isEqualTo("big.yaml: larger than 262144 bytes; not a VM file"));
        assertThat(loader.check(directory.resolve("nope.yaml")).problems()).singleElement().satisfies(problem ->
                assertThat(problem.render("nope.yaml")).isEqualTo("nope.yaml: no such file"));
        Path binary = Files.write(directory.resolve("binary.yaml"), new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
        assertThat(loader.check(binary).problems()).singleElement().satisfies(problem ->
                assertThat(problem.render("binary.yaml")).isEqualTo("binary.yaml: not UTF-8 text"));
        assertThatThrownBy(() -> loader.load(directory.resolve("nope.yaml"))).isInstanceOf(VfioException.class)
                .hasMessageEndingWith("nope.yaml: no such file");
    }

    @Test
    void missingImagesAndIsosAreNamedAtTheirKeys(@TempDir Path directory)
            throws IOException
    {
        Files.createFile(directory.resolve("present.qcow2"));
        Path file = Files.writeString(directory.resolve("vm.yaml"), "libvfio: 1\ndisks: [present.qcow2, absent.qcow2]\niso: missing.iso\n");
        VmConfig config = new VmConfigLoader(PATHS).load(file);

        assertThat(VmConfigLoader.missingFiles(config)).extracting(problem -> problem.render("vm.yaml")).containsExactly(
                "vm.yaml:2:24: disks[1]: disk image " + directory.resolve("absent.qcow2") + " does not exist",
                "vm.yaml:3:1: iso: ISO " + directory.resolve("missing.iso") + " does not exist");
        assertThatThrownBy(() -> VmConfigLoader.requireFiles(config, "vm.yaml")).isInstanceOf(VfioException.class)
                .hasMessage("vm.yaml:2:24: disks[1]: disk image " + directory.resolve("absent.qcow2") + " does not exist (and 1 more missing)");
    }

    @Test
    void onASimulatedHostPathsAndTheHomeLieInsideTheRoot(@TempDir Path root)
    {
        ConfigPaths simulated = new ConfigPaths(root, root.resolve("home/alice"));
        VmConfig config = VmConfigLoader.orThrow(new VmConfigLoader(simulated).check(FILE, new StringReader(
                "libvfio: 1\ndisks: [/var/lib/vm.qcow2, ~/b.qcow2]\n")));
        assertThat(config.storage().disks()).extracting(Disk::path).containsExactly(root.resolve("var/lib/vm.qcow2"), root.resolve("home/alice/b.qcow2"));
        assertThat(new NativeWriter(simulated).write(config)).contains("path: /var/lib/vm.qcow2", "path: /home/alice/b.qcow2");
        assertThat(new VmConfigLoader(simulated).check(FILE, new StringReader("libvfio: 1\niso: ~/../../../../etc/x.iso\n")).problems())
                .singleElement().satisfies(problem -> assertThat(problem.message()).contains("leads outside the host root"));
    }

    @Test
    void aLibvfioFileIsNamedAfterItsFile()
    {
        ConfigCheck check = new VmConfigLoader(PATHS).check(Path.of("/vms/my vm.yaml"), new StringReader(NIM_HEADER + "name: x\n"));
        assertThat(check.problems()).singleElement().satisfies(problem -> assertThat(problem.render("f")).isEqualTo(
                "f:1:1: (file name): a LibVF.IO VM is named after its file, and 'my vm' is not a VM name (letters, digits, '_', '.', '-'); rename the file"));
    }
}
