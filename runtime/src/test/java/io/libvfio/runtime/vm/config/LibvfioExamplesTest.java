package io.libvfio.runtime.vm.config;

import io.libvfio.api.PciAddress;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every LibVF.IO example file loads unchanged, and maps to what arcd would have run. */
final class LibvfioExamplesTest
{
    private static final ConfigPaths PATHS = new ConfigPaths(Path.of("/"), Path.of("/home/alice"));
    private static final Path DISK = Path.of("/home/alice/.local/libvf.io/kernel/windows.arc");

    static Path examples()
    {
        try {
            return Path.of(LibvfioExamplesTest.class.getResource("libvfio-examples/PROVENANCE.md").toURI()).getParent();
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> exampleFiles()
            throws IOException
    {
        try (Stream<Path> files = Files.walk(examples())) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static VmConfig load(String name)
    {
        return new VmConfigLoader(PATHS).load(examples().resolve(name));
    }

    @Test
    void theCopiesAreTheFilesTheProvenanceNames()
            throws IOException, NoSuchAlgorithmException
    {
        String provenance = Files.readString(examples().resolve("PROVENANCE.md"));
        Matcher line = Pattern.compile("(?m)^([0-9a-f]{64})  (\\S+\\.yaml)$").matcher(provenance);
        int count = 0;
        while (line.find()) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(examples().resolve(line.group(2))));
            assertThat(HexFormat.of().formatHex(digest)).as(line.group(2)).isEqualTo(line.group(1));
            count++;
        }
        assertThat(count).isEqualTo(exampleFiles().size()).isEqualTo(8);
    }

    @Test
    void everyExampleLoadsWithoutProblems()
            throws IOException
    {
        for (Path file : exampleFiles()) {
            ConfigCheck check = new VmConfigLoader(PATHS).check(file);
            assertThat(check.problems()).as(file.toString()).isEmpty();
            VmConfig config = check.config().orElseThrow();
            assertThat(config.format()).isEqualTo(ConfigFormat.LIBVFIO);
            assertThat(config.title()).contains("LibVF.IO VM");
            assertThat(config.name()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
            assertThat(config.storage().disks()).containsExactly(new Disk(DISK, Disk.Bus.SATA));
            assertThat(config.storage().initialSizeGib()).isEqualTo(20);
            assertThat(config.storage().installIso()).isEmpty();
            assertThat(config.machine().hideHypervisor()).as("showhypervisor: false").isTrue();
            assertThat(config.machine().firmware().kind()).isEqualTo(Firmware.Kind.BIOS);
            assertThat(config.network()).isEqualTo(new Network(Network.Model.RTL8139, Network.Mode.USER, Optional.empty(),
                    List.of(new PortForward(PortForward.Protocol.TCP, 2222, 22))));
            assertThat(config.display().lookingGlass()).isEqualTo(new LookingGlass(true, 1920, 1080));
            assertThat(config.display().audio()).isEqualTo(Audio.SCREAM);
            assertThat(config.display().vnc()).isEqualTo(Allocation.off());
        }
    }

    @Test
    void amdSriov()
    {
        VmConfig config = load("amd-mdev.yaml");

        assertThat(config.machine().cpus()).isEqualTo(new CpuTopology(1, 8, 2));
        assertThat(config.machine().cpus().vcpus()).isEqualTo(16);
        assertThat(config.machine().memoryMib()).isEqualTo(8192);
        assertThat(config.gpus()).containsExactly(new SriovGpu(0, 0, 8192, List.of("S7150"), "hostdev0"));
        assertThat(config.display().spice()).as("spicePort 5900 is LibVF.IO's default: a free port is chosen").isEqualTo(Allocation.auto());
        assertThat(config.display().headless()).isTrue();
        assertThat(config.display().startViewer()).isTrue();
        assertThat(config.positions().at("gpus[0].acceptableTypes")).isEqualTo(new SourcePosition("gpus[0].acceptableTypes", 32, 7));
        assertThat(config.positions().at("memory")).isEqualTo(new SourcePosition("cpus.ramAlloc", 26, 3));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void intelGvtgWithAnExactType()
    {
        VmConfig config = load("intel-mdev.yaml");

        assertThat(config.gpus()).containsExactly(new MdevGpu(0, 8000, 9000, "", Optional.of("i915-GVTg_V4_1"), Optional.empty(), "hostdev0"));
        assertThat(config.gpus().get(0).describe()).isEqualTo("gpus[0] (sysfsdev, mdevType i915-GVTg_V4_1)");
        assertThat(config.positions().at("gpus[0].mdevType").line()).isEqualTo(38);
    }

    @Test
    void nvidiaGvmAndTheLegacyMergedDriverFiles()
    {
        assertThat(load("nvidia-gvm.yaml").gpus()).containsExactly(new MdevGpu(0, 1000, 2000, "", Optional.of("nvidia-1"), Optional.empty(), "hostdev0"));
        VmConfig pascal = load("legacy/nvidia-10xx-mdev.yaml");
        assertThat(pascal.machine().cpus()).isEqualTo(new CpuTopology(1, 4, 1));
        assertThat(pascal.gpus()).containsExactly(new MdevGpu(0, 1000, 2000, "Q", Optional.empty(), Optional.empty(), "hostdev0"));
        assertThat(pascal.hooks().qemuArguments()).containsExactly(List.of("-set", "device.hostdev0.x-pci-device-id=0x1B30"));
        assertThat(load("legacy/nvidia-20xx-mdev.yaml").hooks().qemuArguments()).containsExactly(
                List.of("-set", "device.hostdev0.x-pci-device-id=0x1e30"),
                List.of("-set", "device.hostdev0.x-pci-sub-device-id=0x12ba"));
    }

    @Test
    void hookScriptsBecomeArgumentVectors()
    {
        VmConfig share = load("vfscript/network-share.yaml");
        assertThat(share.hooks().startup()).containsExactly(new HookCommand(List.of("/usr/sbin/smbd", "-i", "--configfile=/share/smb.conf"), true, true));
        assertThat(share.hooks().teardown()).containsExactly(new HookCommand(List.of("/usr/bin/killall", "smbd"), true, false));
        assertThat(share.warnings()).singleElement().satisfies(warning ->
                assertThat(warning.render("network-share.yaml")).isEqualTo("network-share.yaml:53:9: startupCommands[0].list[0].args: "
                        + "the trailing '&' is read as 'run in the background': hooks run without a shell"));

        VmConfig hello = load("vfscript/hello-world.yaml");
        assertThat(hello.gpus()).isEmpty();
        assertThat(hello.machine().memoryMib()).isEqualTo(4000);
        assertThat(hello.display().spice()).isEqualTo(Allocation.off());
        assertThat(hello.warnings()).extracting(ConfigWarning::message).containsExactly("appCommands are not supported; ignored");
        assertThat(load("vfscript/docker.yaml").warnings()).extracting(ConfigWarning::message).containsExactly("installCommands are not supported; ignored");
    }

    @Test
    void everyExampleSurvivesTheNativeRoundTrip(@org.junit.jupiter.api.io.TempDir Path directory)
            throws IOException
    {
        for (Path file : exampleFiles()) {
            VmConfig original = new VmConfigLoader(PATHS).load(file);
            Path copy = Files.writeString(directory.resolve(original.name() + ".yaml"), new NativeWriter(PATHS).write(original));

            VmConfig again = new VmConfigLoader(PATHS).load(copy);

            assertThat(again.format()).isEqualTo(ConfigFormat.NATIVE);
            assertThat(again).usingRecursiveComparison().ignoringFields("source", "format", "title", "positions", "warnings").isEqualTo(original);
        }
    }

    @Test
    void theExcludedDevicesAndAddressesAreParsed()
    {
        VmConfig config = VmConfigLoader.orThrow(new VmConfigLoader(PATHS).check(Path.of("/vms/x.yaml"), new java.io.StringReader(
                "blacklistedPci: ['0000:01:00.0', '02:00.0']\ngpus:\n  - {gpuType: passthrough, bdf: '03:00.0'}\n")));
        assertThat(config.excludedDevices()).containsExactly(PciAddress.parse("0000:01:00.0"), PciAddress.parse("0000:02:00.0"));
        assertThat(config.gpus()).containsExactly(new PassthroughGpu(0, PciAddress.parse("0000:03:00.0"), "hostdev0"));
        assertThat(config.storage().disks()).as("no container: no disk").isEmpty();
    }
}
