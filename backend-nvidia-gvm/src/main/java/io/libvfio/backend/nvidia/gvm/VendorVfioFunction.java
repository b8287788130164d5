package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.PciAddress;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A VF of the vendor-VFIO framework (sysfs-spec §5.3): what {@code nvidia/creatable_vgpu_types}
 * lists and which type {@code nvidia/current_vgpu_type} holds (0 = none).
 */
record VendorVfioFunction(PciAddress address, int currentType, CreatableVgpuTypes table)
{
    VendorVfioFunction
    {
        requireNonNull(address, "address is null");
        requireNonNull(table, "table is null");
    }

    List<CreatableVgpuType> creatable()
    {
        return table.types();
    }

    boolean isFree()
    {
        return currentType == 0;
    }

    boolean offers(int typeId)
    {
        for (CreatableVgpuType type : table.types()) {
            if (type.id() == typeId) {
                return true;
            }
        }
        return false;
    }
}
