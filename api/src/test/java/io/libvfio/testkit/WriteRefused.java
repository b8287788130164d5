package io.libvfio.testkit;

import io.libvfio.api.Errno;

import static java.util.Objects.requireNonNull;

/**
 * Inside the fake kernel: a {@code store()} returning {@code -errno}. {@link FakeKernel} turns it
 * into the {@link io.libvfio.api.VfioException} a real write would have produced.
 */
final class WriteRefused
        extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient Errno errno;

    WriteRefused(Errno errno, String reason)
    {
        super(reason, null, false, false);
        this.errno = requireNonNull(errno, "errno is null");
    }

    static WriteRefused because(Errno errno, String reason)
    {
        return new WriteRefused(errno, reason);
    }

    Errno errno()
    {
        return errno;
    }
}
