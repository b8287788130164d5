package io.libvfio.runtime.vm;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A tiny Linux guest made by the test: the Debian kernel plus an initramfs of static busybox
 * whose /init prints {@code libvfio-guest-ready} on the serial console and, when asked,
 * powers off as soon as the ACPI power button is pressed (the kernel's button and evdev
 * modules, a read on the power button's event device, then {@code poweroff -f}). It reports
 * ready two seconds after starting the watcher, so that the reader is waiting when the test
 * presses the button (evdev does not keep events for readers that open later).
 */
final class TinyGuest
{
    static final String READY = "libvfio-guest-ready";

    private TinyGuest()
    {
    }

    /** Builds the initramfs in {@code directory}; returns its path. */
    static Path initramfs(Path directory, RealQemu.Kernel kernel, boolean obeysPowerButton)
            throws IOException, InterruptedException
    {
        Path tree = directory.resolve("initramfs");
        Files.createDirectories(tree.resolve("bin"));
        Files.createDirectories(tree.resolve("mods"));
        Files.copy(Path.of("/bin/busybox"), tree.resolve("bin/busybox"));
        Files.copy(kernel.modules().resolve("kernel/drivers/input/evdev.ko"), tree.resolve("mods/evdev.ko"));
        Files.copy(kernel.modules().resolve("kernel/drivers/acpi/button.ko"), tree.resolve("mods/button.ko"));
        String watch = obeysPowerButton ? """
                for e in /sys/class/input/event*; do
                  if [ "$(b cat $e/device/name)" = "Power Button" ]; then
                    (b head -c 1 /dev/input/$(b basename $e) > /dev/null; echo libvfio-guest-poweroff; b poweroff -f) &
                  fi
                done
                b sleep 2
                """ : "";
        String init = """
                #!/bin/busybox sh
                b() { /bin/busybox "$@"; }
                b mkdir -p /proc /sys /dev
                b mount -t proc proc /proc
                b mount -t sysfs sys /sys
                b mount -t devtmpfs dev /dev
                b insmod /mods/evdev.ko
                b insmod /mods/button.ko
                """ + watch + """
                echo libvfio-guest-ready
                while true; do b sleep 1000; done
                """;
        Path initFile = tree.resolve("init");
        Files.writeString(initFile, init, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(initFile, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tree)) {
            files.forEach(file -> names.add(tree.relativize(file).toString().isEmpty() ? "." : tree.relativize(file).toString()));
        }
        Path archive = directory.resolve("initramfs.cpio");
        Process cpio = new ProcessBuilder("cpio", "-o", "-H", "newc", "--quiet").directory(tree.toFile())
                .redirectOutput(archive.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = cpio.getOutputStream()) {
            in.write(String.join("\n", names).concat("\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!cpio.waitFor(60, TimeUnit.SECONDS) || cpio.exitValue() != 0) {
            throw new IOException("cpio failed for " + tree);
        }
        return archive;
    }

    /** Raw QEMU arguments that boot the kernel and initramfs directly. */
    static List<String> bootArguments(RealQemu.Kernel kernel, Path initramfs)
    {
        return List.of("-kernel", kernel.image().toString(), "-initrd", initramfs.toString(),
                "-append", "console=ttyS0 panic=-1 quiet", "-no-reboot");
    }
}
