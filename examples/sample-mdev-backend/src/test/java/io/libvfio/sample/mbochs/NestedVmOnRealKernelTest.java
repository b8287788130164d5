package io.libvfio.sample.mbochs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stretch goal of the test bed: inside the guest, a nested QEMU (TCG inside TCG) gets a real
 * mbochs mdev through {@code -device vfio-pci,sysfsdev=/sys/bus/mdev/devices/<uuid>} and reaches
 * QMP {@code running}, with the mdev on its PCI bus (the bochs display, 1234:1111, its 4 MB
 * framebuffer BAR). The VM has no disk: it only needs to reach the firmware.
 */
@Tag("kernel")
final class NestedVmOnRealKernelTest
{
    private static final String UUID = "6b1d1bc4-8c35-4f0a-9c1e-3b2f6a7d9e02";
    private static final Path DEVICE = Path.of("/sys/bus/mdev/devices/" + UUID);

    private Process qemu;
    private Path directory;

    @BeforeEach
    void inTheTestBed()
    {
        Assumptions.assumeTrue("1".equals(System.getenv(MbochsOnRealKernelTest.GUEST_VARIABLE)),
                "skipped: not inside the libvfio test bed; this real-kernel test runs in the test bed's guest, with examples/testbed/kernel-tests.sh");
    }

    @AfterEach
    void stopAndRemove()
            throws IOException, InterruptedException
    {
        if (qemu != null && qemu.isAlive()) {
            qemu.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (Files.exists(DEVICE.resolve("remove"))) {
            Files.writeString(DEVICE.resolve("remove"), "1");
        }
    }

    @Test
    void aNestedVmWithTheRealMdevReachesRunning()
            throws IOException, InterruptedException
    {
        Files.writeString(Path.of("/sys/class/mdev_bus/mbochs/mdev_supported_types/mbochs-small/create"), UUID);
        directory = Files.createTempDirectory("nested-vm");
        Path socket = directory.resolve("qmp.sock");
        List<String> command = List.of("qemu-system-x86_64", "-name", "libvfio-nested", "-machine", "q35", "-accel", "tcg", "-m", "128",
                "-nodefaults", "-no-user-config", "-display", "none", "-serial", "none", "-monitor", "none",
                "-device", "vfio-pci,sysfsdev=" + DEVICE,
                "-qmp", "unix:" + socket + ",server=on,wait=off");
        qemu = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(directory.resolve("qemu.log").toFile()).start();

        try (QmpConnection qmp = QmpConnection.open(socket, qemu, 120)) {
            String status = qmp.execute("query-status");
            String pci = qmp.execute("query-pci");

            assertThat(status).as("QEMU log: %s", log()).contains("\"status\": \"running\"");
            assertThat(pci).as("the mdev on the nested VM's PCI bus").contains("\"vendor\": 4660").contains("\"device\": 4369")
                    .contains("\"size\": 4194304");
            qmp.execute("quit");
        }
        assertThat(qemu.waitFor(60, TimeUnit.SECONDS)).as("QEMU quits").isTrue();
        assertThat(Files.readString(DEVICE.resolve("mdev_type").toRealPath().resolve("name")).trim()).isEqualTo("mbochs-small");
    }

    private String log()
            throws IOException
    {
        return Files.readString(directory.resolve("qemu.log"));
    }
}
