package io.libvfio.sample.mbochs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plug-in on a real kernel, through the real command: the test bed's guest
 * ({@code examples/testbed/kernel-tests.sh}) has {@code mbochs} loaded; the test puts the
 * plug-in's jar into a plug-in directory and runs {@code libvfio --plugins DIR ...}, checking
 * sysfs after every step: {@code backends}, {@code types}, {@code create --gpu mbochs --type ...},
 * {@code vgpus}, {@code destroy}. Skipped, saying so, outside the test bed.
 */
@Tag("kernel")
final class MbochsOnRealKernelTest
{
    static final String GUEST_VARIABLE = "TESTBED_GUEST";
    private static final Path SYSFS_TYPES = Path.of("/sys/class/mdev_bus/mbochs/mdev_supported_types");
    private static final Path MDEV_DEVICES = Path.of("/sys/bus/mdev/devices");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private CliProcess libvfio;
    private Path plugins;

    @BeforeEach
    void pluginDirectoryWithTheSampleJar()
            throws IOException
    {
        Assumptions.assumeTrue("1".equals(System.getenv(GUEST_VARIABLE)), ("skipped: not inside the libvfio test bed (%s=1 is unset); this "
                + "real-kernel test runs in the test bed's guest, with examples/testbed/kernel-tests.sh").formatted(GUEST_VARIABLE));
        assertThat(SYSFS_TYPES).as("mbochs must be loaded (modprobe mbochs)").isDirectory();
        Path repository = Path.of("").toAbsolutePath();
        libvfio = new CliProcess(repository.resolve("cli/target/libvfio/bin/libvfio"));
        plugins = Files.createTempDirectory("libvfio-plugins");
        Path jar = sampleJar(repository.resolve("examples/sample-mdev-backend/target"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        assertThat(mbochsDevices()).as("mbochs instances before the test").isEmpty();
    }

    @AfterEach
    void removeWhatIsLeft()
            throws IOException
    {
        if (plugins == null) {
            return;
        }
        for (String uuid : mbochsDevices()) {
            Files.writeString(MDEV_DEVICES.resolve(uuid).resolve("remove"), "1");
        }
    }

    @Test
    void backendsShowsThePluginServingMbochs()
    {
        CliProcess.Result run = libvfio.run("--plugins", plugins.toString(), "backends");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString()).containsPattern("(?m)^sample-mbochs +10 +active +mbochs sample driver loaded, 3 mdev types$")
                .contains("plug-in " + plugins);
    }

    @Test
    void typesListsTheRealTypesWithTheirVideoMemoryAndFreeCounts()
            throws IOException
    {
        CliProcess.Result run = libvfio.run("--plugins", plugins.toString(), "--json", "types");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        for (String type : List.of("mbochs-small", "mbochs-medium", "mbochs-large")) {
            assertThat(run.out()).as(run.toString()).contains("\"id\" : \"" + type + "\"");
        }
        assertThat(availableInstances()).containsExactly(4, 16, 64);
        assertThat(run.out()).containsPattern("\"id\" : \"mbochs-small\"[^}]*\"framebufferMib\" : 4[^}]*\"availableInstances\" : 64");
    }

    @Test
    void createListAndDestroyARealMbochsInstanceThroughTheCommand()
            throws IOException
    {
        CliProcess.Result create = libvfio.run("--plugins", plugins.toString(), "create", "--gpu", "mbochs", "--type", "mbochs-medium");

        assertThat(create.exitCode()).as(create.toString()).isZero();
        String uuid = firstUuid(create.out());
        Path device = MDEV_DEVICES.resolve(uuid);
        assertThat(device).as("the mdev in sysfs").isDirectory();
        assertThat(Files.readSymbolicLink(device.resolve("mdev_type")).getFileName().toString()).isEqualTo("mbochs-medium");
        String group = Files.readSymbolicLink(device.resolve("iommu_group")).getFileName().toString();
        assertThat(Path.of("/dev/vfio", group)).as("the mdev's VFIO group").exists();
        // 16 of 256 MB taken: 240 MB left.
        assertThat(availableInstances()).as("large, medium, small after one medium").containsExactly(3, 15, 60);

        CliProcess.Result vgpus = libvfio.run("--plugins", plugins.toString(), "vgpus");
        assertThat(vgpus.exitCode()).as(vgpus.toString()).isZero();
        assertThat(vgpus.out()).as(vgpus.toString()).contains(uuid).contains("mbochs-medium").contains("sample-mbochs");

        CliProcess.Result destroy = libvfio.run("--plugins", plugins.toString(), "destroy", uuid);
        assertThat(destroy.exitCode()).as(destroy.toString()).isZero();
        assertThat(device).as("the mdev after destroy").doesNotExist();
        assertThat(availableInstances()).as("every count back").containsExactly(4, 16, 64);

        CliProcess.Result again = libvfio.run("--plugins", plugins.toString(), "vgpus");
        assertThat(again.out()).as(again.toString()).doesNotContain(uuid);
    }

    /** mbochs-large, mbochs-medium, mbochs-small (sysfs order), as the kernel shows them now. */
    static List<Integer> availableInstances()
            throws IOException
    {
        List<Integer> counts = new ArrayList<>();
        for (String type : List.of("mbochs-large", "mbochs-medium", "mbochs-small")) {
            counts.add(Integer.parseInt(Files.readString(SYSFS_TYPES.resolve(type).resolve("available_instances")).trim()));
        }
        return counts;
    }

    static List<String> mbochsDevices()
            throws IOException
    {
        List<String> devices = new ArrayList<>();
        for (String type : List.of("mbochs-large", "mbochs-medium", "mbochs-small")) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(SYSFS_TYPES.resolve(type).resolve("devices"))) {
                for (Path entry : entries) {
                    devices.add(entry.getFileName().toString());
                }
            }
        }
        return devices;
    }

    static String firstUuid(String text)
    {
        Matcher matcher = UUID.matcher(text);
        assertThat(matcher.find()).as("a UUID in: " + text).isTrue();
        return matcher.group();
    }

    private static Path sampleJar(Path target)
            throws IOException
    {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "libvfio-sample-mdev-backend-*.jar")) {
            for (Path jar : jars) {
                if (!jar.getFileName().toString().endsWith("-tests.jar")) {
                    return jar;
                }
            }
        }
        throw new IllegalStateException("no plug-in jar in " + target + ": build it first (mvn -o -q -DskipTests package -pl examples/sample-mdev-backend -am)");
    }
}
