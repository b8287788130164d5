package io.libvfio.runtime.vm;

import io.libvfio.runtime.vm.config.ConfigPaths;
import io.libvfio.runtime.vm.config.VmConfig;
import io.libvfio.runtime.vm.config.VmConfigLoader;
import io.libvfio.runtime.vm.spec.VmSpec;
import io.libvfio.runtime.vm.spec.VmSpecs;

import java.nio.file.Path;
import java.util.List;

/** Reads a VM file (LibVF.IO YAML or native) for the lifecycle, through the VM file loader. */
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

    /** The VM file under {@code root}'s paths; an invalid file is a configuration error naming file, line, column and key. */
    public static Loaded read(Path file, Path root)
    {
        VmConfig config = new VmConfigLoader(ConfigPaths.forRoot(root)).load(file);
        List<String> warnings = config.warnings().stream().map(warning -> warning.render(file.toString())).toList();
        return new Loaded(VmSpecs.from(config), warnings);
    }

    /** The lifecycle's view of the file, and the loader's warnings (settings libvfio ignores). */
    public record Loaded(VmSpec spec, List<String> warnings)
    {
    }
}
