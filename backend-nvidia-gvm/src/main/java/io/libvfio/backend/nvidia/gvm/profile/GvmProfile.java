package io.libvfio.backend.nvidia.gvm.profile;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A GVM profile file: an Mdev-GPU YAML ({@code generate-vgpu-types.yaml}) or a GVM-user TOML
 * ({@code generate-vgpu-types.toml}) file, and the vGPU types it defines.
 *
 * @param gpuFilters how many GPU filters the file has ({@code filteredGpus}, {@code [[config.gpu_config]]}); 0 means every NVIDIA GPU
 * @param notes how keys were read where the file and the original tools disagree, each naming its line
 */
public record GvmProfile(String file, Format format, int gpuFilters, List<GvmTypeDefinition> types, List<String> notes)
{
    public enum Format
    {
        /** Arc-Compute Mdev-GPU, read by {@code mdev-cli -c}. */
        MDEV_GPU_YAML("mdev-gpu yaml"),
        /** Arc-Compute GVM-user, read by {@code gvm-cli -c}. */
        GVM_USER_TOML("gvm-user toml");

        private final String label;

        Format(String label)
        {
            this.label = label;
        }

        public String label()
        {
            return label;
        }
    }

    public GvmProfile
    {
        requireNonNull(file, "file is null");
        requireNonNull(format, "format is null");
        types = List.copyOf(requireNonNull(types, "types is null"));
        notes = List.copyOf(requireNonNull(notes, "notes is null"));
    }
}
