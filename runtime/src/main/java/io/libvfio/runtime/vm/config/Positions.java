package io.libvfio.runtime.vm.config;

import java.util.HashMap;
import java.util.Map;

/** Collects where each model key was written while a file is read; becomes {@link SourcePositions}. */
final class Positions
{
    private final Map<String, SourcePosition> positions = new HashMap<>();

    void put(String modelKey, SourcePosition position)
    {
        positions.putIfAbsent(modelKey, position);
    }

    SourcePositions build()
    {
        return new SourcePositions(positions);
    }
}
