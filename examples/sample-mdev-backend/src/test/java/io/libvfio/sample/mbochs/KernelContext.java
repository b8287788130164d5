package io.libvfio.sample.mbochs;

import io.libvfio.api.HostInventory;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.CommandRunner;
import io.libvfio.api.spi.HostFs;
import io.libvfio.testkit.FakeKernel;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The {@link BackendContext} the tests give the backend: the fake kernel as its file system,
 * and nothing else (mbochs needs no inventory and runs no program). A backend that needs the
 * runtime's discovery builds its context with the runtime on the test class path instead.
 */
final class KernelContext
        implements BackendContext
{
    private final FakeKernel kernel;

    KernelContext(FakeKernel kernel)
    {
        this.kernel = requireNonNull(kernel, "kernel is null");
    }

    @Override
    public HostFs fs()
    {
        return kernel;
    }

    @Override
    public HostInventory inventory()
    {
        return new HostInventory(List.of(), List.of(), List.of(), List.of(), true, List.of());
    }

    @Override
    public CommandRunner commands()
    {
        throw new UnsupportedOperationException("the mbochs backend runs no program");
    }

    @Override
    public Clock clock()
    {
        return Clock.systemUTC();
    }

    @Override
    public Map<String, String> config()
    {
        return Map.of();
    }
}
