package io.libvfio.testkit;

import io.libvfio.api.Errno;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.libvfio.testkit.KernelAssertions.assertRefused;
import static io.libvfio.testkit.TestHosts.AUDIO;
import static io.libvfio.testkit.TestHosts.GPU;
import static io.libvfio.testkit.TestHosts.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class FakeKernelHostFsTest
{
    @TempDir
    Path root;

    private FakeKernel kernel;

    @BeforeEach
    void setUp()
    {
        kernel = FakeKernel.on(TestHosts.passthrough(root));
    }

    @Test
    void readsValuesWithoutTheirTrailingNewlineThroughTheTreesLinks()
    {
        assertThat(kernel.read(device(GPU) + "/vendor")).contains("0x10de");
        assertThat(kernel.readRequired(device(GPU) + "/class")).isEqualTo("0x030200");
        assertThat(kernel.read(device(GPU) + "/driver_override")).contains("(null)");
        assertThat(kernel.read(device(GPU) + "/iommu_group/type")).contains("DMA");
        assertThat(kernel.read(device(GPU) + "/sriov_numvfs")).isEmpty();
    }

    @Test
    void readRequiredNamesTheMissingPath()
    {
        assertThatThrownBy(() -> kernel.readRequired(device(GPU) + "/boot_vga"))
                .isInstanceOfSatisfying(VfioException.class,
                        error -> assertThat(error.errorCode()).isEqualTo(StandardErrorCode.ATTRIBUTE_UNREADABLE))
                .hasMessageContaining(device(GPU) + "/boot_vga");
    }

    @Test
    void listsSortedNamesAndNothingForMissingDirectories()
    {
        assertThat(kernel.list("/sys/kernel/iommu_groups/1/devices")).containsExactly(GPU, AUDIO);
        assertThat(kernel.list("/sys/bus/pci/drivers")).containsExactly("nvidia", "pcieport", "snd_hda_intel", "vfio-pci");
        assertThat(kernel.list("/sys/class/mdev_bus")).isEmpty();
    }

    @Test
    void readsRawLinkTargetsAndAnswersExistence()
    {
        assertThat(kernel.readLink(device(GPU))).contains("../../../devices/pci0000:00/0000:00:01.0/0000:01:00.0");
        assertThat(kernel.readLink(device(GPU) + "/driver")).contains("../../../../bus/pci/drivers/nvidia");
        assertThat(kernel.linkName(device(GPU) + "/iommu_group")).contains("1");
        assertThat(kernel.readLink(device(GPU) + "/vendor")).isEmpty();
        assertThat(kernel.readLink(device(GPU) + "/nothing")).isEmpty();
        assertThat(kernel.exists(device(GPU) + "/driver")).isTrue();
        assertThat(kernel.isDirectory(device(GPU) + "/driver")).isTrue();
        assertThat(kernel.isDirectory(device(GPU) + "/vendor")).isFalse();
        assertThat(kernel.exists("/dev/vfio")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sys/bus/pci/devices", "/", "", "/sys/../etc/passwd", "/sys/./bus", "/sys//bus", "/sys/bus/", "/sys/bus\0/pci"})
    void refusesPathsThatAreNotPlainAbsoluteHostPaths(String path)
    {
        assertInvalid(() -> kernel.read(path), path);
        assertInvalid(() -> kernel.write(path, "1"), path);
        assertInvalid(() -> kernel.list(path), path);
        assertInvalid(() -> kernel.exists(path), path);
        assertInvalid(() -> kernel.readLink(path), path);
        assertThat(kernel.writes()).isEmpty();
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String path)
    {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(VfioException.class, error -> assertThat(error.errorCode()).isEqualTo(StandardErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("'" + path + "'");
    }

    @Test
    void readingAWriteOnlyAttributeIsPermissionDenied()
    {
        for (String path : List.of("/sys/bus/pci/drivers_probe", "/sys/bus/pci/drivers/vfio-pci/bind", "/sys/bus/pci/drivers/vfio-pci/new_id",
                "/sys/bus/pci/drivers/nvidia/uevent", device(GPU) + "/driver/unbind", device(GPU) + "/remove", device(GPU) + "/reset")) {
            assertThatThrownBy(() -> kernel.read(path))
                    .as(path)
                    .isInstanceOfSatisfying(VfioException.class, error -> {
                        assertThat(error.errno()).contains(Errno.EACCES);
                        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.ACCESS_DENIED);
                    })
                    .hasMessageContaining(path);
        }
        assertThat(kernel.read(device(GPU) + "/uevent")).get().asString().contains("PCI_SLOT_NAME=" + GPU);
    }

    @Test
    void aLinkMovedBehindTheKernelsBackIsFollowedAfresh()
            throws Exception
    {
        kernel.host().writeText("sys/class/misc/one/vendor", "0x1234\n");
        kernel.host().writeText("sys/class/misc/two/remove", "");
        kernel.host().symlink("sys/class/misc/attribute", "sys/class/misc/one/vendor");
        assertThat(kernel.read("/sys/class/misc/attribute")).contains("0x1234");

        // The same path now names a write-only attribute: the kernel must not reuse what it resolved before.
        kernel.host().symlink("sys/class/misc/attribute", "sys/class/misc/two/remove");

        assertThatThrownBy(() -> kernel.read("/sys/class/misc/attribute")).isInstanceOfSatisfying(VfioException.class,
                error -> assertThat(error.errorCode()).isEqualTo(StandardErrorCode.ACCESS_DENIED));
    }

    @Test
    void aDeviceLinkMovedOutsideTheRootIsRefusedAfterHavingBeenRead(@TempDir Path outside)
            throws Exception
    {
        assertThat(kernel.read(device(GPU) + "/vendor")).contains("0x10de");
        Files.writeString(outside.resolve("vendor"), "0x8086\n");
        Path link = root.resolve(device(GPU).substring(1));
        Files.delete(link);
        Files.createSymbolicLink(link, outside);

        assertThatThrownBy(() -> kernel.read(device(GPU) + "/vendor")).isInstanceOfSatisfying(VfioException.class,
                error -> assertThat(error.errorCode()).isEqualTo(StandardErrorCode.INVALID_ARGUMENT)).hasMessageContaining("outside the root");
    }

    @Test
    void writingAReadOnlyAttributeIsPermissionDenied()
    {
        for (String name : List.of("vendor", "device", "class", "revision", "subsystem_vendor", "subsystem_device", "irq",
                "local_cpulist", "local_cpus", "modalias", "resource")) {
            assertRefused(kernel, device(GPU) + "/" + name, "0x1234", Errno.EACCES);
        }
        assertRefused(kernel, device(GPU) + "/iommu_group/reserved_regions", "x", Errno.EACCES);
        assertRefused(kernel, "/proc/cmdline", "quiet", Errno.EACCES);
    }

    @Test
    void writingAMissingAttributeIsEnoentAndADirectoryEisdir()
    {
        assertRefused(kernel, device(GPU) + "/sriov_numvfs", "1", Errno.ENOENT);
        assertRefused(kernel, "/sys/bus/pci/drivers/xe/bind", GPU, Errno.ENOENT);
        assertRefused(kernel, device(GPU) + "/driver", "x", Errno.EISDIR);
    }

    @Test
    void otherWritableAttributesKeepTheValueAndWriteOnlyOnesChangeNothing()
    {
        kernel.write(device(GPU) + "/numa_node", "1\n");
        kernel.write(device(GPU) + "/iommu_group/type", "identity");
        kernel.write("/sys/bus/pci/drivers/nvidia/uevent", "add");
        assertThat(kernel.read(device(GPU) + "/numa_node")).contains("1");
        assertThat(kernel.read(device(GPU) + "/iommu_group/type")).contains("identity");
        assertThat(root.resolve("sys/bus/pci/drivers/nvidia/uevent")).isEmptyFile();
    }

    @Test
    void logsEveryWriteInOrderWithItsOutcome()
    {
        kernel.write(device(GPU) + "/driver_override", "vfio-pci");
        assertThatThrownBy(() -> kernel.write("/sys/bus/pci/drivers/vfio-pci/bind", GPU)).isInstanceOf(VfioException.class);
        kernel.write(device(GPU) + "/driver/unbind", GPU);
        kernel.write("/sys/bus/pci/drivers/vfio-pci/bind", GPU);

        assertThat(kernel.writes()).containsExactly(
                KernelWrite.ok(device(GPU) + "/driver_override", "vfio-pci"),
                new KernelWrite("/sys/bus/pci/drivers/vfio-pci/bind", GPU, Errno.EBUSY),
                KernelWrite.ok(device(GPU) + "/driver/unbind", GPU),
                KernelWrite.ok("/sys/bus/pci/drivers/vfio-pci/bind", GPU));
        assertThat(kernel.writes().get(1).toString()).isEqualTo("/sys/bus/pci/drivers/vfio-pci/bind <- '0000:01:00.0': EBUSY");
        kernel.clearWrites();
        assertThat(kernel.writes()).isEmpty();
    }

    @Test
    void anInjectedFailureFiresOnceAndChangesNothing()
    {
        kernel.failWrite("/driver_override", Errno.ENOMEM);

        assertRefused(kernel, device(GPU) + "/driver_override", "vfio-pci", Errno.ENOMEM);
        kernel.write(device(GPU) + "/driver_override", "vfio-pci");

        assertThat(kernel.read(device(GPU) + "/driver_override")).contains("vfio-pci");
    }

    @Test
    void anInjectedFailureCanHitTheNthMatchingWriteOfAGlob()
    {
        kernel.failWrite("/sys/bus/pci/devices/*/driver_override", Errno.EIO, 2);

        kernel.write(device(GPU) + "/driver_override", "vfio-pci");
        kernel.write(device(GPU) + "/numa_node", "0");
        assertRefused(kernel, device(AUDIO) + "/driver_override", "vfio-pci", Errno.EIO);
        kernel.write(device(AUDIO) + "/driver_override", "vfio-pci");

        assertThat(kernel.writes()).extracting(KernelWrite::succeeded).containsExactly(true, true, false, true);
    }

    @Test
    void anInjectedFailureOnAnActionLeavesTheTreeByteForByteUnchanged()
    {
        kernel.write(device(GPU) + "/driver_override", "vfio-pci");
        kernel.write(device(GPU) + "/driver/unbind", GPU);
        kernel.failWrite("drivers_probe", Errno.EAGAIN);

        assertRefused(kernel, "/sys/bus/pci/drivers_probe", GPU, Errno.EAGAIN);
        assertThat(kernel.exists(device(GPU) + "/driver")).isFalse();
    }

    @Test
    void snapshotsDescribeFilesDirectoriesAndLinks()
    {
        assertThat(kernel.snapshot())
                .containsEntry("sys/bus/pci/devices/" + GPU, "-> ../../../devices/pci0000:00/0000:00:01.0/0000:01:00.0")
                .containsEntry("sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0/vendor", "0x10de\n")
                .containsEntry("sys/kernel/iommu_groups/1/devices", "<dir>");
    }

    @Test
    void concurrentWritersSeeWholeWrites() throws Exception
    {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                futures.add(pool.submit(() -> {
                    for (int round = 0; round < 25; round++) {
                        kernel.write(device(GPU) + "/driver_override", "vfio-pci");
                        assertThat(kernel.read(device(GPU) + "/driver_override")).get().isIn("vfio-pci", "(null)");
                        kernel.write(device(GPU) + "/driver_override", "\n");
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(kernel.writes()).hasSize(200).allMatch(KernelWrite::succeeded);
        assertThat(Files.readString(root.resolve("sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0/driver_override"))).isEqualTo("(null)\n");
    }
}
