package io.libvfio.backend.nvidia.gvm.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One vGPU type definition of a profile file with its keys already mapped to the one vocabulary
 * of {@link ProfileField}, whichever file format and spelling it came from.
 *
 * @param line the line the definition starts on
 * @param notes what a reader should know about how a key was read (aliases), each naming its line
 */
record ProfileEntry(int line, Map<ProfileField, ProfileValue> values, List<String> notes)
{
    ProfileEntry
    {
        values = new LinkedHashMap<>(requireNonNull(values, "values is null"));
        notes = List.copyOf(requireNonNull(notes, "notes is null"));
    }

    Optional<ProfileValue> value(ProfileField field)
    {
        return Optional.ofNullable(values.get(field));
    }
}
