package io.libvfio.api;

/**
 * What kind of failure an error is. Each category has one documented process exit code;
 * the CLI maps categories to exit codes and nothing else.
 */
public enum ErrorCategory
{
    /** A bug in libvfio or a backend. */
    INTERNAL(1, "internal error"),
    /** The command line or an argument is wrong (bad PCI address, unknown backend, ...). */
    USAGE(2, "usage error"),
    /** A named device, type or instance does not exist. */
    NOT_FOUND(3, "not found"),
    /** The hardware or backend cannot do what was asked. */
    UNSUPPORTED(4, "unsupported"),
    /** The host (or the --root tree) is missing, unreadable, malformed or not ready. */
    HOST(5, "host error"),
    /** The kernel or file system refused access. */
    PERMISSION(6, "permission denied"),
    /** Something else holds the device, or the request conflicts with the host's state. */
    CONFLICT(7, "conflict"),
    /** A configuration file is invalid. */
    CONFIG(8, "configuration error"),
    /** No free slot satisfies the request. */
    NO_CAPACITY(9, "no capacity");

    private final int exitCode;
    private final String description;

    ErrorCategory(int exitCode, String description)
    {
        this.exitCode = exitCode;
        this.description = description;
    }

    public int exitCode()
    {
        return exitCode;
    }

    public String description()
    {
        return description;
    }
}
