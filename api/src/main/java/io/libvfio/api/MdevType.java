package io.libvfio.api;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A mediated-device type as the mdev core shows it under
 * {@code <parent>/mdev_supported_types/<id>/}. Vendor backends interpret {@code description}.
 *
 * @param id the directory name, {@code <parent driver>-<type>}, e.g. {@code nvidia-256}
 * @param name the {@code name} attribute, empty when the driver has none
 * @param description the {@code description} attribute, empty when absent
 * @param devices UUIDs of existing instances ({@code devices/})
 */
public record MdevType(
        String id,
        Optional<String> name,
        Optional<String> description,
        int availableInstances,
        String deviceApi,
        List<String> devices)
{
    public MdevType
    {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(deviceApi, "deviceApi is null");
        devices = List.copyOf(requireNonNull(devices, "devices is null"));
    }
}
