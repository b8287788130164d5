package io.libvfio.runtime.vm.qemu;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** A QEMU argument vector: the program, then options and their values as separate entries. Never a shell string. */
public record QemuCommandLine(List<String> argv)
{
    public QemuCommandLine
    {
        argv = List.copyOf(requireNonNull(argv, "argv is null"));
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty QEMU command line");
        }
    }

    public String program()
    {
        return argv.get(0);
    }

    /** The value of the first occurrence of an option, when it has one. */
    public java.util.Optional<String> value(String option)
    {
        int index = argv.indexOf(option);
        return index < 0 || index + 1 >= argv.size() ? java.util.Optional.empty() : java.util.Optional.of(argv.get(index + 1));
    }

    /** Collects options in order. */
    public static final class Builder
    {
        private final List<String> argv = new ArrayList<>(96);

        public Builder(String program)
        {
            argv.add(requireNonNull(program, "program is null"));
        }

        public Builder flag(String option)
        {
            argv.add(option);
            return this;
        }

        public Builder option(String option, String value)
        {
            argv.add(option);
            argv.add(value);
            return this;
        }

        public Builder option(String option, QemuProperties value)
        {
            return option(option, value.toString());
        }

        /** Entries passed through as they are (the config's raw {@code commands}). */
        public Builder raw(List<String> entries)
        {
            argv.addAll(entries);
            return this;
        }

        public QemuCommandLine build()
        {
            return new QemuCommandLine(argv);
        }
    }
}
