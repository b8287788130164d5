package io.libvfio.backend.nvidia.gvm;

import static java.util.Objects.requireNonNull;

/** One row of a VF's {@code nvidia/creatable_vgpu_types}: {@code 1148  : NVIDIA L40S-2Q}. */
record CreatableVgpuType(int id, String name)
{
    CreatableVgpuType
    {
        requireNonNull(name, "name is null");
        if (id <= 0) {
            throw new IllegalArgumentException("vGPU type id must be positive: " + id);
        }
    }
}
