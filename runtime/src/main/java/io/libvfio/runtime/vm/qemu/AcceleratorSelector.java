package io.libvfio.runtime.vm.qemu;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.vm.spec.VmSpec;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * KVM when {@code /dev/kvm} works, TCG otherwise with a warning that names the reason; a VM
 * file (or {@code --accel}) may ask for either. On this machine's root {@code /dev/kvm} is
 * opened read-write; under a simulated root only its presence counts. With KVM usable the
 * machine asks for {@code kvm:tcg}, so that QEMU falls back by itself when the kernel cannot run
 * a KVM guest after all; the start asks QMP {@code query-kvm} and warns.
 */
public final class AcceleratorSelector
{
    private final HostPaths paths;

    public AcceleratorSelector(HostPaths paths)
    {
        this.paths = requireNonNull(paths, "paths is null");
    }

    public AcceleratorChoice choose(VmSpec.Accel wanted)
    {
        if (wanted == VmSpec.Accel.TCG) {
            return new AcceleratorChoice("tcg", Optional.empty());
        }
        Optional<String> problem = kvmProblem();
        if (problem.isEmpty()) {
            // QEMU itself falls back to TCG when KVM fails later (a kernel that cannot run it); the
            // start checks query-kvm and warns then.
            return new AcceleratorChoice(wanted == VmSpec.Accel.KVM ? "kvm" : "kvm:tcg", Optional.empty());
        }
        if (wanted == VmSpec.Accel.KVM) {
            throw new VfioException(StandardErrorCode.OPERATION_UNSUPPORTED, "KVM was asked for but cannot be used: " + problem.get());
        }
        return new AcceleratorChoice("tcg", Optional.of("KVM cannot be used (" + problem.get()
                + "): falling back to TCG software emulation, which is many times slower"));
    }

    Optional<String> kvmProblem()
    {
        Path kvm = paths.resolve("/dev/kvm");
        if (!Files.exists(kvm)) {
            return Optional.of("no /dev/kvm: enable virtualization (VT-x/AMD-V) in the firmware and load kvm_intel or kvm_amd");
        }
        if (!paths.isRealRoot()) {
            return Optional.empty();
        }
        try (FileChannel ignored = FileChannel.open(kvm, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return Optional.empty();
        }
        catch (IOException | UnsupportedOperationException e) {
            return Optional.of("/dev/kvm cannot be opened read-write (" + e.getMessage() + "): add the user to the kvm group");
        }
    }
}
