package io.libvfio.api;

/**
 * libvfio's own error codes. Codes below {@code 0x0100_0000} are reserved for this enum;
 * backends use their own enums above it.
 */
public enum StandardErrorCode
        implements ErrorCode
{
    INTERNAL_ERROR(1, ErrorCategory.INTERNAL),
    INVALID_ARGUMENT(100, ErrorCategory.USAGE),
    INVALID_PCI_ADDRESS(101, ErrorCategory.USAGE),
    UNKNOWN_BACKEND(102, ErrorCategory.USAGE),
    INVALID_NAME(103, ErrorCategory.USAGE),
    DEVICE_NOT_FOUND(200, ErrorCategory.NOT_FOUND),
    TYPE_NOT_FOUND(201, ErrorCategory.NOT_FOUND),
    INSTANCE_NOT_FOUND(202, ErrorCategory.NOT_FOUND),
    OPERATION_UNSUPPORTED(300, ErrorCategory.UNSUPPORTED),
    NOT_VIRTUALIZABLE(301, ErrorCategory.UNSUPPORTED),
    ROOT_NOT_A_HOST(400, ErrorCategory.HOST),
    ATTRIBUTE_UNREADABLE(401, ErrorCategory.HOST),
    ATTRIBUTE_MALFORMED(402, ErrorCategory.HOST),
    HOST_WRITE_FAILED(403, ErrorCategory.HOST),
    COMMAND_FAILED(404, ErrorCategory.HOST),
    TIMEOUT(405, ErrorCategory.HOST),
    ACCESS_DENIED(500, ErrorCategory.PERMISSION),
    DEVICE_BUSY(600, ErrorCategory.CONFLICT),
    ALREADY_EXISTS(601, ErrorCategory.CONFLICT),
    INVALID_CONFIG(700, ErrorCategory.CONFIG),
    NO_CAPACITY(800, ErrorCategory.NO_CAPACITY);

    private final int code;
    private final ErrorCategory category;

    StandardErrorCode(int code, ErrorCategory category)
    {
        this.code = code;
        this.category = category;
    }

    @Override
    public int code()
    {
        return code;
    }

    @Override
    public ErrorCategory category()
    {
        return category;
    }
}
