package io.libvfio.examples.hosts;

import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;

/** One example machine: a name (its directory under {@code examples/hosts/}) and how to write it. */
interface ExampleHost
{
    String name();

    /** Writes the whole host under {@code root}, an empty directory. */
    SimulatedHost write(Path root);
}
