package io.libvfio.runtime.vm;

import io.libvfio.runtime.vm.config.ConfigPaths;
import io.libvfio.runtime.vm.config.VmConfigLoader;
import io.libvfio.runtime.vm.spec.VmSpec;
import io.libvfio.runtime.vm.spec.VmSpecs;

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

    /** The VM file read by {@link VmConfigLoader} (paths as on this machine's own root). */
    public static VmSpec read(Path file)
    {
        return read(file, Path.of("/"));
    }

    /** The VM file read by {@link VmConfigLoader}, its paths resolved as on {@code root} ({@code --root}). */
    public static VmSpec read(Path file, Path root)
    {
        return VmSpecs.from(new VmConfigLoader(ConfigPaths.forRoot(root)).load(file));
    }

    static VmSpec fromConfig(io.libvfio.runtime.vm.config.VmConfig config)
    {
        return VmSpecs.from(config);
    }
}
