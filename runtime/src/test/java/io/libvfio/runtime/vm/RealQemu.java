package io.libvfio.runtime.vm;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the real-QEMU tests need from this machine: qemu-system-x86_64 and, for a guest that
 * boots, a Debian kernel with its button and evdev modules ({@code LIBVFIO_TEST_KERNEL_DIR}, the
 * real-kernel test bed's cache {@code /var/cache/libvfio-testbed/VERSION}, or {@code /boot}).
 * Outside CI a missing piece skips the test with a message; in CI ({@code CI=true}) it fails.
 */
final class RealQemu
{
    static final String QEMU = "qemu-system-x86_64";

    private RealQemu()
    {
    }

    static String requireQemu()
    {
        if (!onPath(QEMU)) {
            missing("qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)");
        }
        return QEMU;
    }

    /** The kernel image and its module tree. */
    record Kernel(Path image, Path modules)
    {
    }

    static Kernel requireKernel()
    {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("LIBVFIO_TEST_KERNEL_DIR");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        candidates.addAll(children(Path.of("/var/cache/libvfio-testbed")));
        for (Path directory : candidates) {
            // the uncompressed ELF (PVH entry) boots seconds faster under TCG than the bzImage
            Path image = Files.isRegularFile(directory.resolve("vmlinux")) ? directory.resolve("vmlinux") : directory.resolve("vmlinuz");
            Optional<Kernel> kernel = kernelIn(image, directory.resolve("root/lib/modules"));
            if (kernel.isPresent()) {
                return kernel.get();
            }
        }
        for (Path image : children(Path.of("/boot"))) {
            if (image.getFileName().toString().startsWith("vmlinuz-")) {
                String version = image.getFileName().toString().substring("vmlinuz-".length());
                Optional<Kernel> kernel = kernelIn(image, Path.of("/lib/modules"));
                if (kernel.isPresent() && Files.isDirectory(Path.of("/lib/modules", version))) {
                    return kernel.get();
                }
            }
        }
        missing("no Debian kernel for the tiny guest: set LIBVFIO_TEST_KERNEL_DIR, run examples/testbed/testbed.sh prepare, or install linux-image-amd64");
        throw new IllegalStateException("unreachable");
    }

    private static Optional<Kernel> kernelIn(Path image, Path modules)
    {
        if (!Files.isRegularFile(image) || !Files.isReadable(image)) {
            return Optional.empty();
        }
        for (Path version : children(modules)) {
            if (Files.isRegularFile(version.resolve("kernel/drivers/acpi/button.ko")) && Files.isRegularFile(version.resolve("kernel/drivers/input/evdev.ko"))) {
                return Optional.of(new Kernel(image, version));
            }
        }
        return Optional.empty();
    }

    static boolean onPath(String program)
    {
        String path = System.getenv("PATH");
        for (String directory : (path == null ? "/usr/bin:/bin" : path).split(File.pathSeparator)) {
            if (new File(directory, program).canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> children(Path directory)
    {
        List<Path> children = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return children;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            entries.forEach(children::add);
        }
        catch (IOException e) {
            return children;
        }
        children.sort(null);
        return children;
    }

    private static void missing(String what)
    {
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("real-QEMU test cannot run in CI: " + what);
        }
        Assumptions.abort("real-QEMU test skipped: " + what);
    }
}
