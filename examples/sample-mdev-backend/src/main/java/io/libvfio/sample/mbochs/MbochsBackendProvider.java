package io.libvfio.sample.mbochs;

import io.libvfio.api.Mechanism;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Probe;
import io.libvfio.api.spi.SupportEntry;

import java.util.List;

/**
 * The plug-in's entry point, listed in {@code META-INF/services/io.libvfio.api.spi.BackendProvider}:
 * a backend for the Linux kernel's {@code mbochs} sample mdev driver, a virtual display device
 * with 4, 16 and 64 MB types, treated as a GPU named {@code mbochs}. It needs no hardware, so it
 * is the smallest complete example of a backend, and it runs on a real kernel in libvfio's test bed.
 */
public final class MbochsBackendProvider
        implements BackendProvider
{
    /** The backend's name ({@code --backend sample-mbochs}). */
    public static final String NAME = "sample-mbochs";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "the kernel's mbochs sample mdev driver as a GPU with mdev types (example plug-in)";
    }

    @Override
    public int priority()
    {
        return 10;
    }

    /** Reads one directory; declines (never throws) where mbochs is not loaded. */
    @Override
    public Probe probe(BackendContext context)
    {
        if (!context.fs().isDirectory(MbochsSysfs.TYPES)) {
            return Probe.unsupported("no mbochs mdev parent (" + MbochsSysfs.PARENT_DIRECTORY + "): load the kernel's sample driver with 'modprobe mbochs'");
        }
        return Probe.supported("mbochs sample driver loaded, " + context.fs().list(MbochsSysfs.TYPES).size() + " mdev types");
    }

    @Override
    public Backend create(BackendContext context)
    {
        return new MbochsBackend(context);
    }

    @Override
    public List<SupportEntry> support()
    {
        return List.of(new SupportEntry("any (virtual)", "the kernel's `mbochs` sample mdev driver (a test device, no GPU)", Mechanism.MDEV,
                "6.1+ (`CONFIG_SAMPLE_VFIO_MDEV_MBOCHS` or built out of tree)", "`mbochs` loaded, `vfio_iommu_type1`", true));
    }
}
