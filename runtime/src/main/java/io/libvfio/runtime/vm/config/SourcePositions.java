package io.libvfio.runtime.vm.config;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where each setting of a {@link VmConfig} came from, by model key, whichever format the file
 * has: {@code name}, {@code memory}, {@code cpus}, {@code disks[N]}, {@code installIso},
 * {@code firmware}, {@code network}, {@code network.forwards[N]}, {@code lookingGlass},
 * {@code audio}, {@code spice}, {@code vnc}, {@code vsock}, {@code hugepages},
 * {@code accelerator}, {@code sharedDirectory}, {@code gpus[N]}, {@code gpus[N].FIELD},
 * {@code commands[N]}, {@code startupCommands[N]}, {@code teardownCommands[N]}. A key that was
 * not written (a default) has no position; {@link #at} then gives the nearest written parent or
 * the start of the file, so that a later error (a port in use, a missing ISO) can still name one.
 */
public record SourcePositions(Map<String, SourcePosition> positions)
{
    public SourcePositions
    {
        positions = Map.copyOf(requireNonNull(positions, "positions is null"));
    }

    public Optional<SourcePosition> of(String key)
    {
        return Optional.ofNullable(positions.get(key));
    }

    /** The key's position, else its nearest written parent's ({@code gpus[0]} for {@code gpus[0].devId}), else line 1. */
    public SourcePosition at(String key)
    {
        String current = key;
        while (true) {
            SourcePosition position = positions.get(current);
            if (position != null) {
                return position;
            }
            int cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
            if (cut <= 0) {
                return SourcePosition.start(key);
            }
            current = current.substring(0, cut);
        }
    }
}
