package io.libvfio.sample.mbochs;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One mbochs mdev type as sysfs shows it now.
 *
 * @param id the type directory, {@code mbochs-small}
 * @param name the {@code name} attribute
 * @param megabytes the video memory of one instance, from the description
 * @param available {@code available_instances}: how many more of this type fit in the memory left
 * @param instances the UUIDs of this type's instances ({@code devices/})
 */
record MbochsType(String id, String name, long megabytes, int available, List<String> instances)
{
    MbochsType
    {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        instances = List.copyOf(requireNonNull(instances, "instances is null"));
    }
}
