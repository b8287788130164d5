package io.libvfio.runtime.kernel;

import io.libvfio.api.HostInventory;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.RuntimeAssembly;
import io.libvfio.runtime.RuntimeOptions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real kernel of the test bed's guest ({@code examples/testbed/kernel-tests.sh}), reached as
 * the command-line tool reaches a host: {@code LocalHostFs} over {@code /}. Anywhere else the
 * real-kernel tests are skipped, saying why.
 */
final class RealKernel
        implements KernelUnderTest
{
    /** Set to 1 by examples/testbed/testbed.sh for every command it runs in the guest. */
    static final String GUEST_VARIABLE = "TESTBED_GUEST";
    static final String NOT_IN_GUEST = ("skipped: not inside the libvfio test bed (%s=1 is unset); this real-kernel test runs in "
            + "the test bed's guest, with examples/testbed/kernel-tests.sh").formatted(GUEST_VARIABLE);
    /** What kernel-tests.sh loads before the suite starts. */
    private static final List<String> NEEDED = List.of("/sys/bus/pci/drivers/vfio-pci", "/sys/bus/pci/drivers/nvme",
            "/sys/bus/pci/drivers/ahci", "/sys/class/mdev_bus/mbochs", "/sys/class/mdev_bus/mdpy", "/sys/class/mdev_bus/mtty");

    private final HostFs fs = assembly().hostFs();

    private RealKernel()
    {
    }

    /** The guest's kernel; the calling test is skipped outside the test bed. */
    static RealKernel inTestBed()
    {
        Assumptions.assumeTrue("1".equals(System.getenv(GUEST_VARIABLE)), NOT_IN_GUEST);
        for (String path : NEEDED) {
            if (!Files.exists(Path.of(path))) {
                throw new IllegalStateException(path + " is missing: load the drivers first (modprobe -a vfio-pci nvme ahci mtty mdpy mbochs)");
            }
        }
        return new RealKernel();
    }

    private static RuntimeAssembly assembly()
    {
        return new RuntimeAssembly(RuntimeOptions.of(Path.of("/")));
    }

    @Override
    public HostFs fs()
    {
        return fs;
    }

    @Override
    public HostInventory inventory()
    {
        return assembly().runtime().inventory();
    }

    @Override
    public boolean vfioGroupViable(int group)
    {
        return VfioGroupStatus.viable("/dev/vfio/" + group);
    }
}
