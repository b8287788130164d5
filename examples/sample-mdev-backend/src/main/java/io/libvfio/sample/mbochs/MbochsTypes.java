package io.libvfio.sample.mbochs;

import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.SysfsValues;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Reads mbochs's types. The driver's types share one pool of video memory (the module's
 * {@code count}, 256 MB by default): each type's {@code available_instances} is how many of it
 * fit in what is left, so creating one type lowers the others too (a real 6.1 kernel: one
 * {@code mbochs-large} takes 64 MB, and {@code mbochs-small} goes from 64 to 48).
 */
final class MbochsTypes
{
    private static final String PREFIX = "virtual display, ";
    private static final String SUFFIX = " MB video memory";

    private final HostFs fs;

    MbochsTypes(HostFs fs)
    {
        this.fs = requireNonNull(fs, "fs is null");
    }

    boolean present()
    {
        return fs.isDirectory(MbochsSysfs.TYPES);
    }

    List<MbochsType> read()
    {
        List<MbochsType> types = new ArrayList<>();
        for (String id : fs.list(MbochsSysfs.TYPES)) {
            String directory = MbochsSysfs.type(id);
            String available = fs.readRequired(directory + "/available_instances");
            types.add(new MbochsType(id, fs.read(directory + "/name").orElse(id), megabytes(directory + "/description"),
                    SysfsValues.count(directory + "/available_instances", available), fs.list(directory + "/devices")));
        }
        return types;
    }

    /**
     * How many instances of {@code type} fit in the empty pool: the module's {@code count}
     * divided by the type's size; where the kernel does not show {@code count}, what is free
     * now plus what the instances take.
     */
    long maxInstances(MbochsType type, List<MbochsType> all)
    {
        OptionalLong memory = SysfsValues.optionalUnsigned(fs, MbochsSysfs.MEMORY);
        if (memory.isPresent()) {
            return memory.getAsLong() / type.megabytes();
        }
        long used = 0;
        for (MbochsType other : all) {
            used += other.megabytes() * other.instances().size();
        }
        return type.available() + used / type.megabytes();
    }

    /** {@code virtual display, <N> MB video memory}; anything else is an error naming the file. */
    private long megabytes(String path)
    {
        String description = fs.readRequired(path);
        if (!description.startsWith(PREFIX) || !description.endsWith(SUFFIX) || description.length() <= PREFIX.length() + SUFFIX.length()) {
            throw SysfsValues.malformed(path, description, "expected 'virtual display, <N> MB video memory'");
        }
        long megabytes = SysfsValues.unsigned(path, description.substring(PREFIX.length(), description.length() - SUFFIX.length()));
        if (megabytes == 0) {
            throw SysfsValues.malformed(path, description, "an instance needs some video memory");
        }
        return megabytes;
    }
}
