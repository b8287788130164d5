package io.libvfio.runtime.vm.qemu;

import io.libvfio.runtime.vm.spec.VmFiles;
import io.libvfio.runtime.vm.spec.VmPorts;
import io.libvfio.runtime.vm.gpu.AttachedVgpu;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Everything decided about one start beyond the VM file: the QEMU binary, the files, the ports,
 * the firmware, the accelerator, the vGPUs, and the memory backing.
 *
 * @param vhostVsock whether the host offers {@code /dev/vhost-vsock}
 */
public record LaunchPlan(String qemuBinary, UUID uuid, VmFiles files, VmPorts ports, Optional<OvmfFirmware> firmware, AcceleratorChoice accelerator,
                         List<AttachedVgpu> vgpus, Optional<MemoryBacking> memory, boolean vhostVsock, boolean safeMode)
{
    public LaunchPlan
    {
        requireNonNull(qemuBinary, "qemuBinary is null");
        requireNonNull(uuid, "uuid is null");
        requireNonNull(files, "files is null");
        requireNonNull(ports, "ports is null");
        requireNonNull(firmware, "firmware is null");
        requireNonNull(accelerator, "accelerator is null");
        vgpus = List.copyOf(requireNonNull(vgpus, "vgpus is null"));
        requireNonNull(memory, "memory is null");
    }
}
