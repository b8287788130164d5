package io.libvfio.runtime.vm;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.vm.spec.VmSpec;
import io.libvfio.runtime.vm.spec.VmSpecs;

import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a VM file (LibVF.IO YAML or native) into the lifecycle's {@link VmSpec}. */
public final class VmConfigFiles
{
    private VmConfigFiles()
    {
    }

    /** True when an argument names a VM file rather than a vGPU option ({@code create VM.yaml ...}). */
    public static boolean isVmFile(String argument)
    {
        return argument.endsWith(".yaml") || argument.endsWith(".yml");
    }

    public static VmSpec read(Path file)
    {
        if (!Files.isRegularFile(file)) {
            throw new VfioException(StandardErrorCode.INVALID_CONFIG, file + ": no such VM file");
        }
        // The loader (branch vm-config) replaces this refusal when it is merged.
        throw new VfioException(StandardErrorCode.OPERATION_UNSUPPORTED, file + ": this build has no VM file loader yet");
    }

    static VmSpec fromConfig(io.libvfio.runtime.vm.config.VmConfig config)
    {
        return VmSpecs.from(config);
    }
}
