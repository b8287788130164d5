package io.libvfio.runtime.vm.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A disk image's format from its first bytes: {@code qcow2} when it starts with QEMU's magic
 * {@code QFI\xfb}, {@code raw} otherwise. Naming the format keeps QEMU from probing a raw image
 * (which it warns about, and which lets a guest rewrite the header).
 */
final class DiskFormat
{
    private DiskFormat()
    {
    }

    static String of(Path image)
    {
        try (InputStream in = Files.newInputStream(image)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'Q' && magic[1] == 'F' && magic[2] == 'I' && (magic[3] & 0xff) == 0xfb ? "qcow2" : "raw";
        }
        catch (IOException e) {
            return "raw";
        }
    }
}
