package io.libvfio.runtime.vm.spec;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.host.RuntimeDirectories;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * Where one VM's files live. In the run directory (gone at reboot): the state file, the QMP
 * socket and the swtpm socket. In the data directory: the QEMU log, the serial console, the
 * per-VM UEFI variable store and the TPM state. Shared memory for Looking Glass and Scream is
 * {@code /dev/shm/libvfio-NAME-*} under the root.
 */
public record VmFiles(VmName name, Path runDir, Path dataDir, Path stateFile, Path qmpSocket, Path log, Path console, Path uefiVars,
                      Path tpmDir, Path tpmSocket, Path lookingGlassShm, Path screamShm)
{
    /** The longest unix socket path Linux accepts (sun_path is 108 bytes with its NUL). */
    static final int MAX_SOCKET_PATH = 107;

    public VmFiles
    {
        requireNonNull(name, "name is null");
    }

    public static VmFiles of(VmName name, RuntimeDirectories directories, HostPaths paths)
    {
        Path vms = directories.run().resolve("vms");
        Path run = vms.resolve(name.value());
        Path data = directories.data().resolve("vms").resolve(name.value());
        VmFiles files = new VmFiles(name, run, data, vms.resolve(name.value() + ".json"), run.resolve("qmp.sock"), data.resolve("qemu.log"),
                data.resolve("console.log"), data.resolve("OVMF_VARS.fd"), data.resolve("tpm"), run.resolve("swtpm.sock"),
                paths.resolve("/dev/shm/libvfio-" + name.value() + "-lg"), paths.resolve("/dev/shm/libvfio-" + name.value() + "-scream"));
        if (files.qmpSocket.toString().length() > MAX_SOCKET_PATH) {
            throw new VfioException(StandardErrorCode.INVALID_ARGUMENT, "the QMP socket path " + files.qmpSocket + " is longer than "
                    + MAX_SOCKET_PATH + " bytes, which Linux refuses: set LIBVFIO_RUN_DIR to a shorter directory or use a shorter VM name");
        }
        return files;
    }

    /** The directory holding every VM's state file. */
    public static Path statesDirectory(RuntimeDirectories directories)
    {
        return directories.run().resolve("vms");
    }
}
