package io.libvfio.api;

/**
 * A stable, named error. libvfio's own codes are in {@link StandardErrorCode}; a backend may
 * define its own enum implementing this interface, using codes from {@code 0x0100_0000} up.
 */
public interface ErrorCode
{
    int code();

    String name();

    ErrorCategory category();
}
