package io.libvfio.api;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The one exception of libvfio: an {@link ErrorCode} (and so a category and exit code), a
 * message a human can act on, and, for failed host writes, the errno the kernel returned.
 */
public class VfioException
        extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient ErrorCode errorCode;
    private final Errno errno;

    public VfioException(ErrorCode errorCode, String message)
    {
        this(errorCode, message, null, null);
    }

    public VfioException(ErrorCode errorCode, String message, Throwable cause)
    {
        this(errorCode, message, null, cause);
    }

    public VfioException(ErrorCode errorCode, String message, Errno errno, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.errno = errno;
    }

    public ErrorCode errorCode()
    {
        return errorCode;
    }

    public ErrorCategory category()
    {
        return errorCode.category();
    }

    public Optional<Errno> errno()
    {
        return Optional.ofNullable(errno);
    }

    /**
     * A host write the kernel refused, in the one format every host access uses:
     * {@code write error: <path> <- '<value>': <strerror> (<ERRNO>)}.
     */
    public static VfioException writeRefused(String path, String value, Errno errno, Throwable cause)
    {
        String message = "write error: %s <- '%s': %s (%s)".formatted(path, value.replace("\n", "\\n"), errno.text(), errno.name());
        ErrorCode code = errno == Errno.EACCES || errno == Errno.EPERM ? StandardErrorCode.ACCESS_DENIED : StandardErrorCode.HOST_WRITE_FAILED;
        return new VfioException(code, message, errno, cause);
    }

    public static VfioException usage(String format, Object... args)
    {
        return new VfioException(StandardErrorCode.INVALID_ARGUMENT, format.formatted(args));
    }
}
